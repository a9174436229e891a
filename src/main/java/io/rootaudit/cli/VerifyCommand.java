package io.rootaudit.cli;

import io.rootaudit.application.StartupChecks.Needs;
import io.rootaudit.application.StartupChecks.Store;
import io.rootaudit.application.VerifyPack;
import io.rootaudit.compliance.QuotedValue;
import io.rootaudit.report.EvidenceVerifier;
import java.util.List;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Unmatched;
import picocli.CommandLine.Option;

/** {@code verify --path}: checks an evidence pack against its manifest. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        header = "Check an evidence pack against its manifest.",
        description = "Recomputes the size and SHA-256 of every file listed in the pack's manifest.json and names each "
                + "file that is missing or differs. Trusts nothing it reads: the manifest must list every file of a pack "
                + "by its plain name, and the run id, organization and results.json digest must agree between "
                + "manifest.json, results.json and the cover and attachment of report.pdf.",
        footer = "Exit codes: 0 intact; 7 a file is missing, altered or unlisted, the files disagree, or the manifest "
                + "cannot be read.")
final class VerifyCommand implements Callable<Integer> {

    private final Launch launch;

    @Option(names = "--path", required = true, paramLabel = "FOLDER|s3://BUCKET/PREFIX/",
            description = "The pack's folder, or its S3 location.")
    String location;

    @Mixin
    SpringArguments spring;

    @Unmatched
    List<String> properties = new ArrayList<>();

    VerifyCommand(Launch launch) {
        this.launch = launch;
    }

    @Override
    public Integer call() {
        Needs needs = new Needs(location.startsWith("s3://"), false, Store.NONE);
        return SpringLauncher.run(launch, spring, properties, needs, context -> {
            EvidenceVerifier.Result result = context.getBean(VerifyPack.class).verify(location);
            if (result.ok()) {
                launch.out().println("OK: " + result.manifest().artifacts().size() + " files of run "
                        + QuotedValue.of(result.manifest().runId()) + " match manifest.json (" + location + ")");
                return ExitCode.OK;
            }
            launch.err().println("rootaudit: verification of " + location + " failed:");
            result.problems().forEach(p -> launch.err().println("  - " + p));
            return ExitCode.VERIFICATION_FAILED;
        });
    }
}
