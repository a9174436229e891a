package io.rootaudit.cli;

import io.rootaudit.emulator.DemoOrganization;
import io.rootaudit.emulator.Emulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code demo}: the whole product in one command, on no real AWS account. Starts the bundled emulator,
 * seeds {@link DemoOrganization}, points the AWS SDK at it (the same endpoint and credential settings a
 * user would set), runs {@code audit}, stops the emulator and returns the audit's exit code.
 */
final class DemoCommand {

    /** @param samples when not null, also export the pack and PDF previews into this folder */
    int run(List<String> springArgs, Path samples) {
        Emulator emulator;
        try {
            emulator = Emulator.start();
        } catch (Emulator.EmulatorUnavailableException e) {
            System.err.println("rootaudit demo: " + e.getMessage());
            return ExitCode.PREREQUISITE_MISSING.code();
        }
        try (emulator) {
            DemoOrganization demo = new DemoOrganization(Instant.now());
            System.out.println("Emulator listening on " + emulator.endpoint() + "; seeding the demo organization");
            emulator.createOrganization(demo.spec());
            emulator.addFault(demo.deniedFault());
            Path work = Files.createTempDirectory("rootaudit-demo");
            Path exceptions = Files.writeString(work.resolve("exceptions.yml"), demo.exceptionsYaml());
            // Exactly what a user does to aim rootaudit at an emulator: endpoint, dummy keys, region.
            emulator.pointAwsSdkHere("demo");
            List<String> args = new ArrayList<>();
            args.add("--rootaudit.database-path=" + work.resolve("rootaudit").toAbsolutePath());
            args.add("--rootaudit.exceptions-file=" + exceptions.toAbsolutePath());
            args.add("--rootaudit.aws.region=us-east-1");
            if (samples != null) {
                args.add("--rootaudit.report.local-dir=" + work.resolve("reports").toAbsolutePath());
            }
            args.addAll(springArgs);
            int code = Cli.inContext(args, ctx -> ctx.getBean(AuditCommand.class).run(false));
            if (samples != null && Files.exists(work.resolve("reports"))) {
                SampleExport.export(work.resolve("reports"), samples);
            }
            return code;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
