package io.rootaudit.cli;

import io.rootaudit.application.PublishRun;
import io.rootaudit.application.StartupChecks.Needs;
import io.rootaudit.application.StartupChecks.Store;
import java.util.List;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Unmatched;
import picocli.CommandLine.Option;

/** {@code publish --run ID}: publishes (again) a completed run's pack to S3. */
@Command(name = "publish", mixinStandardHelpOptions = true,
        header = "Publish a run's evidence pack to S3 (retry after a failure).",
        description = "Uploads the run's evidence pack to S3 (SHA-256 checksums, SSE-KMS or SSE-S3, optional Object "
                + "Lock retention) and verifies every object with HeadObject. Retries a failed publish. Needs "
                + "rootaudit.report.s3.bucket.",
        footer = "Exit codes: 0 published and verified; 6 publishing failed; 2 no such run, or no bucket.")
final class PublishCommand implements Callable<Integer> {

    private final Launch launch;

    @Option(names = "--run", required = true, paramLabel = "RUN_ID", description = "The run to publish.")
    String runId;

    @Mixin
    SpringArguments spring;

    @Unmatched
    List<String> properties = new ArrayList<>();

    PublishCommand(Launch launch) {
        this.launch = launch;
    }

    @Override
    public Integer call() {
        return SpringLauncher.run(launch, spring, properties, new Needs(true, true, Store.EXISTING), context -> {
            PublishRun publishing = context.getBean(PublishRun.class);
            if (!publishing.configured()) {
                launch.err().println("rootaudit: publishing needs rootaudit.report.s3.bucket");
                return ExitCode.USAGE;
            }
            PublishRun.Result result = publishing.publish(runId);
            if (!StoredRuns.usable(launch, result.stored())) {
                return ExitCode.USAGE;
            }
            RunPrinter.published(launch.out(), launch.err(), result.outcome());
            return ExitCodes.of(result.outcome());
        });
    }
}
