package io.rootaudit.cli;

import io.rootaudit.application.RenderPack;
import io.rootaudit.application.StartupChecks.Needs;
import io.rootaudit.application.StartupChecks.Store;
import java.util.List;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Unmatched;
import picocli.CommandLine.Option;

/** {@code report --run ID}: renders a stored run's evidence pack again. */
@Command(name = "report", mixinStandardHelpOptions = true,
        header = "Render the evidence pack of a stored run again (no AWS calls).",
        description = "Renders every artifact of a completed, stored run again (results.json, accounts.csv, "
                + "evidence.xlsx, report.pdf, findings.ocsf.json, manifest.json) from the database, without any AWS call.",
        footer = "Exit codes: 0 rendered; 2 no such run, or the run has not completed.")
final class ReportCommand implements Callable<Integer> {

    private final Launch launch;

    @Option(names = "--run", required = true, paramLabel = "RUN_ID", description = "The run, as printed by 'audit' and listed by 'history'.")
    String runId;

    @Mixin
    SpringArguments spring;

    @Unmatched
    List<String> properties = new ArrayList<>();

    ReportCommand(Launch launch) {
        this.launch = launch;
    }

    @Override
    public Integer call() {
        return SpringLauncher.run(launch, spring, properties, new Needs(false, true, Store.EXISTING), context -> {
            RenderPack.Result result = context.getBean(RenderPack.class).render(runId);
            if (!StoredRuns.usable(launch, result.stored())) {
                return ExitCode.USAGE;
            }
            launch.out().println("Evidence pack of run " + runId + " rendered again: " + result.folder().toAbsolutePath().normalize());
            return ExitCode.OK;
        });
    }
}
