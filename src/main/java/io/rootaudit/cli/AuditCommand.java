package io.rootaudit.cli;

import io.rootaudit.application.AuditListener;
import io.rootaudit.application.AuditOutcome;
import io.rootaudit.application.AuditPeriod;
import io.rootaudit.application.SafetySettings;
import io.rootaudit.application.StartupChecks.Needs;
import io.rootaudit.application.StartupChecks.Store;
import io.rootaudit.organization.PreflightReport;
import io.rootaudit.store.RunRecord;
import java.util.List;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Unmatched;
import picocli.CommandLine.Option;

/** {@code audit}: the monthly audit of the period, resumed when unfinished, then remediation and publishing. */
@Command(name = "audit", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Run the monthly audit (resumes an unfinished run of the period).",
        description = {"Runs preflight, snapshots the in-scope accounts, audits each member account's root user, scores "
                + "it, remediates if rootaudit.remediation.mode says so, stores the run and writes the evidence pack "
                + "(results.json, accounts.csv, evidence.xlsx, report.pdf, findings.ocsf.json, manifest.json) to "
                + "<rootaudit.report.local-dir>/<organization id>/<period>/<run id>/, then publishes it to S3 when "
                + "rootaudit.report.s3.bucket is set, imports its findings into Security Hub when "
                + "rootaudit.export.security-hub.enabled is true, then puts its events on EventBridge when "
                + "rootaudit.notify.event-bus is set.%n",
                "One run per organization and period (rootaudit.period, default the current UTC month): a completed "
                        + "period is reported and not audited again; an interrupted run is resumed by running the same "
                        + "command again."},
        footer = {"Exit codes: 0 all audited accounts compliant or excepted; 3 non-compliant findings; 4 some accounts "
                + "could not be audited (precedes 3); 5 a prerequisite is missing; 6 the pack was written locally but "
                + "publishing to S3 failed (precedes all below); 10 the findings export to Security Hub failed or the "
                + "events could not all be put on the EventBridge bus, the pack is intact (precedes all below); "
                + "8 remediation could not clean some eligible account "
                + "(precedes 3 and 4); 9 another invocation is running for the same organization and period; 2 invalid "
                + "configuration; 1 anything else (run the same command again to resume)."})
final class AuditCommand implements Callable<Integer> {

    /** What {@code audit} (and {@code demo}, which runs it) may touch: AWS, the report folder, a new store. */
    static final Needs NEEDS = new Needs(true, true, Store.CREATE);

    private final Launch launch;

    @Option(names = "--rerun", description = "Start a new run even though the period was already audited.")
    boolean rerun;

    @Mixin
    SpringArguments spring;

    @Unmatched
    List<String> properties = new ArrayList<>();

    AuditCommand(Launch launch) {
        this.launch = launch;
    }

    @Override
    public Integer call() {
        return SpringLauncher.run(launch, spring, properties, NEEDS, context -> audit(context.getBean(AuditPeriod.class)));
    }

    private ExitCode audit(AuditPeriod period) {
        AuditOutcome outcome = period.run(rerun, new Printer(), audited -> ExitCodes.of(audited).code());
        switch (outcome.kind()) {
            case ALREADY_COMPLETED -> RunPrinter.alreadyCompleted(launch.out(), outcome);
            case PREREQUISITE_MISSING -> launch.out().println("A prerequisite is missing: nothing was audited or written.");
            case ALREADY_RUNNING -> launch.err().println("rootaudit: " + outcome.failure());
            case FAILED -> {
                launch.err().println("rootaudit: " + outcome.failure());
                if (outcome.run() != null) {
                    launch.err().println("Run the same command again to resume it; accounts already audited are kept.");
                }
            }
            case COMPLETED -> RunPrinter.completed(launch.out(), outcome);
        }
        if (outcome.publish() != null) {
            RunPrinter.published(launch.out(), launch.err(), outcome.publish());
        }
        if (outcome.export() != null) {
            RunPrinter.exported(launch.out(), launch.err(), outcome.export());
        }
        if (outcome.notification() != null) {
            RunPrinter.notified(launch.out(), launch.err(), outcome.notification());
        }
        return ExitCodes.of(outcome);
    }

    /** Prints what the audit reports while it runs. */
    private final class Printer implements AuditListener {
        @Override
        public void safetySettings(SafetySettings settings) {
            RunPrinter.safetySettings(launch.out(), settings);
        }

        @Override
        public void preflight(PreflightReport report) {
            RunPrinter.preflight(launch.out(), report);
        }

        @Override
        public void runStarted(RunRecord run, boolean resumed) {
            launch.out().println((resumed ? "Resuming run " : "Started run ") + run.runId() + " of "
                    + run.organizationId() + " for " + run.period());
        }

        @Override
        public void interruptedRunRecovered(RunRecord run) {
            launch.out().println("Run " + run.runId() + " was interrupted; continuing where it stopped");
        }
    }
}
