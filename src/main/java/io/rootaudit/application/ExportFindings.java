package io.rootaudit.application;

import io.rootaudit.export.ExportReport;
import io.rootaudit.export.FindingsExport;
import io.rootaudit.report.EvidenceReports;
import io.rootaudit.store.FindingExportLog;
import io.rootaudit.store.RunRecord;
import io.rootaudit.store.RunStore;
import java.time.Clock;
import java.util.Comparator;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Exporting a completed run's findings to AWS Security Hub: the one way it happens, whether at the end of
 * {@code audit}, when an audited period is run again after a failed export, or with {@code export --run ID}. The
 * findings come from the store (the same report the pack shows); each attempt and what failed is recorded with the run
 * ({@link FindingExportLog}). A failed export never touches the evidence pack.
 */
@Service
public class ExportFindings {

    private final RunStore store;
    private final EvidenceReports reports;
    private final FindingsExport export;
    private final FindingExportLog exportLog;
    private final JsonMapper json;
    private final Clock clock;

    ExportFindings(RunStore store, EvidenceReports reports, FindingsExport export, FindingExportLog exportLog,
                   JsonMapper json, Clock clock) {
        this.store = store;
        this.reports = reports;
        this.export = export;
        this.exportLog = exportLog;
        this.json = json;
        this.clock = clock;
    }

    public boolean configured() {
        return export.enabled();
    }

    /** {@code export --run ID}: the stored run, if it is completed, exported (again). */
    public Result export(String runId) {
        StoredRun stored = StoredRun.of(runId, store.run(runId));
        if (stored.kind() != StoredRun.Kind.COMPLETED) {
            return new Result(stored, null);
        }
        return new Result(stored, export(stored.run(), true));
    }

    /** @param stored the run as asked for; {@code outcome} is null unless it is a completed run */
    public record Result(StoredRun stored, ExportOutcome outcome) {}

    /**
     * Exports a completed run's findings unless they were already exported (or {@code again} asks for it anyway), and
     * unless a later completed run of the organization exists: Security Hub would then show an older month as current.
     */
    ExportOutcome export(RunRecord run, boolean again) {
        if (!export.enabled()) {
            return ExportOutcome.of(ExportOutcome.Kind.NOT_CONFIGURED, run.runId(), null);
        }
        List<RunRecord> completed = store.runs(run.organizationId()).stream().filter(RunRecord::completed)
                .sorted(Comparator.comparing(RunRecord::startedAt)).toList();
        Optional<RunRecord> later = completed.stream().filter(r -> r.startedAt().isAfter(run.startedAt())).findFirst();
        if (later.isPresent()) {
            return ExportOutcome.of(ExportOutcome.Kind.SUPERSEDED, run.runId(), "run " + later.get().runId() + " ("
                    + later.get().period() + ") is a later completed run of organization " + run.organizationId()
                    + "; export that one, whose findings are the current ones");
        }
        if (!again && exportLog.latest(run.runId(), FindingsExport.SECURITY_HUB).filter(FindingExportLog.Entry::succeeded)
                .isPresent()) {
            return ExportOutcome.of(ExportOutcome.Kind.ALREADY_EXPORTED, run.runId(), null);
        }
        Instant startedAt = clock.instant();
        Instant firstAudit = completed.isEmpty() ? run.startedAt() : completed.get(0).startedAt();
        ExportReport report;
        try {
            report = export.toSecurityHub(reports.build(run.runId(), null), run.callerArn(), firstAudit);
        } catch (RuntimeException e) { // an export that cannot even start is a failed export, not a failed audit
            report = new ExportReport(FindingsExport.SECURITY_HUB, 0, 0,
                    List.of(new ExportReport.Failure(null, e.getClass().getSimpleName(), String.valueOf(e.getMessage()))));
        }
        FindingExportLog.Entry entry = exportLog.record(run.runId(), report.destination(), startedAt, clock.instant(),
                report.succeeded(), report.findings(), report.imported(),
                report.failures().isEmpty() ? null : json.writeValueAsString(report.failures()));
        return new ExportOutcome(report.succeeded() ? ExportOutcome.Kind.EXPORTED : ExportOutcome.Kind.FAILED,
                run.runId(), report.findings(), report.imported(),
                report.failures().stream().map(ExportReport.Failure::toString).toList(), entry.attempt(), null);
    }
}
