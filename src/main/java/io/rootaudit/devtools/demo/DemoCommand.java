package io.rootaudit.devtools.demo;

import io.rootaudit.aws.AwsConnection;
import io.rootaudit.cli.ExitCode;
import io.rootaudit.cli.Launch;
import io.rootaudit.cli.RootAuditCli;
import io.rootaudit.devtools.emulator.DemoOrganization;
import io.rootaudit.devtools.emulator.Emulator;
import io.rootaudit.report.xlsx.XlsxReportWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/**
 * {@code demo}: the whole product in one command, on no real AWS account. Starts the bundled emulator, seeds
 * {@link DemoOrganization}, runs {@code audit} against it (with the endpoint, dummy keys and region a user would set,
 * given to this invocation only), stops the emulator and returns the audit's exit code. Its database and exceptions
 * file live in a temporary folder that is deleted at the end: only the evidence pack it names stays.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        header = "Start the bundled AWS emulator, seed a demo organization and audit it.",
        description = "Starts the bundled loopback AWS emulator (python3 with moto 5.2.1), seeds a demo organization of "
                + "4 OUs and 34 accounts with every finding somewhere, audits it, prints the summary and where the files "
                + "are, stops the emulator, and exits with the audit's exit code. Touches no real AWS account and ignores "
                + "your AWS credentials.",
        footer = "Exit codes: those of 'audit' (the demo organization gives 4); 5 python3 or moto is missing, or demo "
                + "was started in the container image.")
public final class DemoCommand implements Callable<Integer> {

    /** Set to {@code true} by the container image, which has no Python for the emulator (docs/scheduling.md). */
    public static final String IN_CONTAINER = "ROOTAUDIT_IN_CONTAINER";

    private final Launch launch;

    @Option(names = "--samples", paramLabel = "DIR", description = "Also copy the evidence pack into DIR with PNG "
            + "previews of the PDF's first pages (this is how reports-sample/ is regenerated).")
    Path samples;

    @Option(names = "--debug", description = "Print the full stack trace of a failure.")
    boolean debug;

    @Unmatched
    List<String> properties = new ArrayList<>();

    public DemoCommand(Launch launch) {
        this.launch = launch;
    }

    @Override
    public Integer call() {
        if ("true".equalsIgnoreCase(launch.environment().get(IN_CONTAINER))) {
            launch.err().println("rootaudit demo: demo is a local-machine feature, and this is the container image, which "
                    + "has no Python for the AWS emulator. Run 'java -jar rootaudit.jar demo' on a machine with JDK 17 and "
                    + "python3; here, run 'audit' against your organization.");
            return ExitCode.PREREQUISITE_MISSING.code();
        }
        Emulator emulator;
        try {
            emulator = Emulator.start();
        } catch (Emulator.EmulatorUnavailableException e) {
            launch.err().println("rootaudit demo: " + e.getMessage());
            return ExitCode.PREREQUISITE_MISSING.code();
        }
        Path work = null;
        try (emulator) {
            DemoOrganization demo = new DemoOrganization(Instant.now());
            launch.out().println("Emulator listening on " + emulator.endpoint() + "; seeding the demo organization");
            emulator.createOrganization(demo.spec());
            emulator.addFault(demo.deniedFault());
            work = Files.createTempDirectory("rootaudit-demo");
            Path exceptions = Files.writeString(work.resolve("exceptions.yml"), demo.exceptionsYaml());
            XlsxReportWriter.temporaryFilesIn(Files.createDirectory(work.resolve("poi")));
            List<String> args = new ArrayList<>(List.of("audit",
                    "--rootaudit.database-path=" + work.resolve("rootaudit").toAbsolutePath(),
                    "--rootaudit.exceptions-file=" + exceptions.toAbsolutePath(),
                    "--rootaudit.aws.region=us-east-1", "--rootaudit.report.owner-tag-keys=owner"));
            if (samples != null) {
                args.add("--rootaudit.report.local-dir=" + work.resolve("reports").toAbsolutePath());
            }
            if (debug) {
                args.add("--debug");
            }
            args.addAll(properties);
            // Exactly what a user does to aim rootaudit at an emulator: endpoint, dummy keys, region.
            Launch aimed = launch.withAws(AwsConnection.emulator(emulator.endpoint(), "demo", "demo"));
            int code = RootAuditCli.run(aimed, List.of(), args.toArray(String[]::new));
            if (samples != null && Files.exists(work.resolve("reports"))) {
                SampleExport.export(work.resolve("reports"), samples, launch.out());
            }
            return code;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteRecursively(work);
        }
    }

    private void deleteRecursively(Path folder) {
        if (folder == null || !Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            launch.err().println("rootaudit demo: could not delete the temporary folder " + folder + ": " + e.getMessage());
        }
    }
}
