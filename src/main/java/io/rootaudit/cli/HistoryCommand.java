package io.rootaudit.cli;

import io.rootaudit.application.RunHistory;
import io.rootaudit.application.StartupChecks.Needs;
import io.rootaudit.application.StartupChecks.Store;
import java.util.List;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Unmatched;
import picocli.CommandLine.Option;

/** {@code history}: the stored runs with their compliance rates. */
@Command(name = "history", mixinStandardHelpOptions = true,
        header = "List stored runs with their compliance rates.",
        description = "Lists the runs in the store, newest first, with status, times, compliance rate and where each "
                + "was published.",
        footer = "Exit codes: 0 listed; 2 no store at rootaudit.database-path.")
final class HistoryCommand implements Callable<Integer> {

    private final Launch launch;

    @Option(names = "--organization", paramLabel = "o-xxxxxxxxxx", description = "Only the runs of this organization.")
    String organizationId;

    @Mixin
    SpringArguments spring;

    @Unmatched
    List<String> properties = new ArrayList<>();

    HistoryCommand(Launch launch) {
        this.launch = launch;
    }

    @Override
    public Integer call() {
        return SpringLauncher.run(launch, spring, properties, new Needs(false, false, Store.EXISTING), context -> {
            List<RunHistory.Entry> runs = context.getBean(RunHistory.class).runs(organizationId);
            if (runs.isEmpty()) {
                launch.out().println("No runs in the store" + (organizationId == null ? "" : " for " + organizationId) + ".");
            } else {
                RunPrinter.history(launch.out(), runs);
            }
            return ExitCode.OK;
        });
    }
}
