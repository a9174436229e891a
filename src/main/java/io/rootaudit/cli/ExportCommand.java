package io.rootaudit.cli;

import io.rootaudit.application.ExportFindings;
import io.rootaudit.application.StartupChecks.Needs;
import io.rootaudit.application.StartupChecks.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/** {@code export --run ID}: imports (again) a completed run's findings into AWS Security Hub. */
@Command(name = "export", mixinStandardHelpOptions = true,
        header = "Export a run's findings to AWS Security Hub (retry after a failure).",
        description = "Imports the run's findings, as ASFF, into Security Hub of the account that runs rootaudit "
                + "(BatchImportFindings): one finding per account and rule, updated in place at every export. Retries a "
                + "failed export; the evidence pack is not touched. Needs rootaudit.export.security-hub.enabled=true.",
        footer = "Exit codes: 0 every finding imported; 10 some findings or calls failed; 2 no such run, a later "
                + "completed run of the organization exists, or the export is off.")
final class ExportCommand implements Callable<Integer> {

    private final Launch launch;

    @Option(names = "--run", required = true, paramLabel = "RUN_ID", description = "The run to export.")
    String runId;

    @Mixin
    SpringArguments spring;

    @Unmatched
    List<String> properties = new ArrayList<>();

    ExportCommand(Launch launch) {
        this.launch = launch;
    }

    @Override
    public Integer call() {
        return SpringLauncher.run(launch, spring, properties, new Needs(true, false, Store.EXISTING), context -> {
            ExportFindings exporting = context.getBean(ExportFindings.class);
            if (!exporting.configured()) {
                launch.err().println("rootaudit: exporting needs rootaudit.export.security-hub.enabled=true");
                return ExitCode.USAGE;
            }
            ExportFindings.Result result = exporting.export(runId);
            if (!StoredRuns.usable(launch, result.stored())) {
                return ExitCode.USAGE;
            }
            RunPrinter.exported(launch.out(), launch.err(), result.outcome());
            return switch (result.outcome().kind()) {
                case SUPERSEDED -> ExitCode.USAGE;
                default -> ExitCodes.of(result.outcome());
            };
        });
    }
}
