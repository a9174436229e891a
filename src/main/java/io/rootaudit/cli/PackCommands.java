package io.rootaudit.cli;

import io.rootaudit.report.EvidencePack;
import io.rootaudit.report.EvidenceVerifier;
import io.rootaudit.report.Manifest;
import io.rootaudit.report.RunFolder;
import io.rootaudit.report.S3Publisher;
import io.rootaudit.store.AccountResultStore;
import io.rootaudit.store.RunRecord;
import io.rootaudit.store.RunStore;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Commands on stored runs and their evidence packs, none of which audits anything: {@code report} re-renders
 * a pack from the store (no AWS call), {@code publish} (re)publishes it to S3, {@code verify} checks a pack
 * against its manifest, {@code history} lists runs with their compliance rates.
 */
@Component
class PackCommands {

    private final RunStore store;
    private final AccountResultStore accountStore;
    private final EvidencePack pack;
    private final S3Publisher publisher;
    private final EvidenceVerifier verifier;
    private final Clock clock;
    private final PrintStream out = System.out;

    PackCommands(RunStore store, AccountResultStore accountStore, EvidencePack pack, S3Publisher publisher,
                 EvidenceVerifier verifier, Clock clock) {
        this.store = store;
        this.accountStore = accountStore;
        this.pack = pack;
        this.publisher = publisher;
        this.verifier = verifier;
        this.clock = clock;
    }

    ExitCode report(String runId) {
        Optional<RunRecord> run = completedRun(runId);
        if (run.isEmpty()) {
            return ExitCode.USAGE;
        }
        pack.write(run.get(), null);
        out.println("Evidence pack of run " + runId + " rendered again: " + pack.folderOf(run.get()).path().toAbsolutePath().normalize());
        return ExitCode.OK;
    }

    ExitCode publish(String runId) {
        if (!publisher.enabled()) {
            System.err.println("rootaudit: publishing needs rootaudit.report.s3.bucket");
            return ExitCode.USAGE;
        }
        Optional<RunRecord> run = completedRun(runId);
        if (run.isEmpty()) {
            return ExitCode.USAGE;
        }
        return publish(run.get(), pack, publisher, store, clock, out);
    }

    /** Publishes a completed run's pack (rendering it first if the local copy is gone) and records where. */
    static ExitCode publish(RunRecord run, EvidencePack pack, S3Publisher publisher, RunStore store, Clock clock,
                            PrintStream out) {
        RunFolder folder = pack.folderOf(run);
        if (!Files.exists(folder.file(Manifest.FILE))) {
            pack.write(run, null);
        }
        try {
            String location = publisher.publish(run, folder);
            store.markPublished(run.runId(), location, clock.instant());
            out.println("Published and verified: " + location);
            return ExitCode.OK;
        } catch (S3Publisher.PublishException e) {
            System.err.println("rootaudit: publishing run " + run.runId() + " failed: " + e.getMessage());
            System.err.println("The local evidence is complete in " + folder.path().toAbsolutePath().normalize()
                    + "; retry with: java -jar rootaudit.jar publish --run " + run.runId());
            return ExitCode.PUBLISH_FAILED;
        }
    }

    ExitCode verify(String location) {
        EvidenceVerifier.Result result = verifier.verify(location);
        if (result.ok()) {
            out.println("OK: " + result.manifest().artifacts().size() + " files of run " + result.manifest().runId()
                    + " match manifest.json (" + location + ")");
            return ExitCode.OK;
        }
        System.err.println("rootaudit: verification of " + location + " failed:");
        result.problems().forEach(p -> System.err.println("  - " + p));
        return ExitCode.VERIFICATION_FAILED;
    }

    ExitCode history(String organizationId) {
        List<RunRecord> runs = store.runs(organizationId);
        if (runs.isEmpty()) {
            out.println("No runs in the store" + (organizationId == null ? "" : " for " + organizationId) + ".");
            return ExitCode.OK;
        }
        out.printf(Locale.ROOT, "%-22s %-14s %-7s %-9s %-20s %-20s %9s  %s%n", "RUN", "ORGANIZATION", "PERIOD", "STATUS",
                "STARTED", "ENDED", "RATE", "PUBLISHED");
        for (RunRecord r : runs) {
            Double rate = io.rootaudit.report.EvidenceReports.rate(accountStore.countByStatus(r.runId()));
            out.printf(Locale.ROOT, "%-22s %-14s %-7s %-9s %-20s %-20s %9s  %s%n", r.runId(), r.organizationId(), r.period(),
                    r.status(), trim(r.startedAt()), trim(r.endedAt()),
                    rate == null ? "n/a" : String.format(Locale.ROOT, "%.1f%%", rate * 100),
                    r.publishedTo() == null ? "-" : r.publishedTo());
        }
        return ExitCode.OK;
    }

    private Optional<RunRecord> completedRun(String runId) {
        Optional<RunRecord> run = store.run(runId);
        if (run.isEmpty()) {
            System.err.println("rootaudit: no run " + runId + " in the store (see 'history')");
            return Optional.empty();
        }
        if (!run.get().completed()) {
            System.err.println("rootaudit: run " + runId + " has not completed; run 'audit' again to resume it");
            return Optional.empty();
        }
        return run;
    }

    private static String trim(java.time.Instant t) {
        return t == null ? "-" : t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }
}
