package io.rootaudit.cli;

import io.rootaudit.emulator.DemoOrganization;
import io.rootaudit.emulator.Emulator;
import io.rootaudit.report.xlsx.XlsxReportWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code demo}: the whole product in one command, on no real AWS account. Starts the bundled emulator,
 * seeds {@link DemoOrganization}, points the AWS SDK at it (the same endpoint and credential settings a
 * user would set), runs {@code audit}, stops the emulator and returns the audit's exit code. Its database and
 * exceptions file live in a temporary folder that is deleted at the end: only the evidence pack it names stays.
 */
final class DemoCommand {

    /** @param samples when not null, also export the pack and PDF previews into this folder */
    int run(CommandLine line, Path samples) {
        Emulator emulator;
        try {
            emulator = Emulator.start();
        } catch (Emulator.EmulatorUnavailableException e) {
            System.err.println("rootaudit demo: " + e.getMessage());
            return ExitCode.PREREQUISITE_MISSING.code();
        }
        Path work = null;
        try (emulator) {
            DemoOrganization demo = new DemoOrganization(Instant.now());
            System.out.println("Emulator listening on " + emulator.endpoint() + "; seeding the demo organization");
            emulator.createOrganization(demo.spec());
            emulator.addFault(demo.deniedFault());
            work = Files.createTempDirectory("rootaudit-demo");
            Path exceptions = Files.writeString(work.resolve("exceptions.yml"), demo.exceptionsYaml());
            XlsxReportWriter.temporaryFilesIn(Files.createDirectory(work.resolve("poi")));
            // Exactly what a user does to aim rootaudit at an emulator: endpoint, dummy keys, region.
            emulator.pointAwsSdkHere("demo");
            List<String> args = new ArrayList<>();
            args.add("--rootaudit.database-path=" + work.resolve("rootaudit").toAbsolutePath());
            args.add("--rootaudit.exceptions-file=" + exceptions.toAbsolutePath());
            args.add("--rootaudit.aws.region=us-east-1");
            if (samples != null) {
                args.add("--rootaudit.report.local-dir=" + work.resolve("reports").toAbsolutePath());
            }
            args.addAll(line.springArgs());
            int code = Cli.inContext(line.debug(), Cli.AUDIT, args, ctx -> ctx.getBean(AuditCommand.class).run(false));
            if (samples != null && Files.exists(work.resolve("reports"))) {
                SampleExport.export(work.resolve("reports"), samples);
            }
            return code;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteRecursively(work);
        }
    }

    private static void deleteRecursively(Path folder) {
        if (folder == null || !Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.err.println("rootaudit demo: could not delete the temporary folder " + folder + ": " + e.getMessage());
        }
    }
}
