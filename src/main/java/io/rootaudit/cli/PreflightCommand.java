package io.rootaudit.cli;

import io.rootaudit.application.CheckPrerequisites;
import io.rootaudit.application.StartupChecks.Needs;
import io.rootaudit.application.StartupChecks.Store;
import io.rootaudit.organization.PreflightReport;
import java.util.List;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Unmatched;

/** {@code preflight}: the audit's prerequisite checks alone. */
@Command(name = "preflight", mixinStandardHelpOptions = true,
        header = "Check prerequisites and permissions; audits nothing.",
        description = {"Checks, without auditing anything or writing a run or report: AWS credentials; the organization "
                + "and its ALL-features mode; that the caller is the management account or the IAM delegated "
                + "administrator; trusted access for iam.amazonaws.com; that IAM's RootCredentialsManagement and "
                + "RootSessions features are enabled; and the evidence bucket when one is configured. Each failed check "
                + "names its fix."},
        footer = "Exit codes: 0 every prerequisite is met; 5 a prerequisite is missing; 2 invalid configuration.")
final class PreflightCommand implements Callable<Integer> {

    private final Launch launch;

    @Mixin
    SpringArguments spring;

    @Unmatched
    List<String> properties = new ArrayList<>();

    PreflightCommand(Launch launch) {
        this.launch = launch;
    }

    @Override
    public Integer call() {
        return SpringLauncher.run(launch, spring, properties, new Needs(true, false, Store.NONE), context -> {
            PreflightReport report = context.getBean(CheckPrerequisites.class).run();
            RunPrinter.preflight(launch.out(), report);
            if (report.passed()) {
                launch.out().println("All prerequisites are met.");
                return ExitCode.OK;
            }
            launch.out().println("A prerequisite is missing.");
            return ExitCode.PREREQUISITE_MISSING;
        });
    }
}
