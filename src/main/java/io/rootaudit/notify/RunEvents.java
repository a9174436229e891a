package io.rootaudit.notify;

import io.rootaudit.report.EvidenceReport;
import io.rootaudit.report.EvidenceReport.Change;
import io.rootaudit.report.EvidenceReport.FindingChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The events of one completed run, built from its evidence report alone (no AWS call, no store), so that they say
 * exactly what the pack says: one {@value #RUN_COMPLETED} event, then one {@value #FINDING_OPENED} or
 * {@value #FINDING_RESOLVED} event per finding that changed since the previous completed run (the report's trend;
 * none for the organization's first run). docs/integrations.md documents every field; bump
 * {@link #SCHEMA_VERSION} when one changes meaning or goes away.
 */
public final class RunEvents {

    /** The events' {@code source}; AWS reserves {@code aws.*}. */
    public static final String SOURCE = "io.rootaudit";
    public static final String RUN_COMPLETED = "Root Audit Run Completed";
    public static final String FINDING_OPENED = "Root Audit Finding Opened";
    public static final String FINDING_RESOLVED = "Root Audit Finding Resolved";
    public static final int SCHEMA_VERSION = 1;

    private RunEvents() {}

    /**
     * @param pack where the run's evidence pack is
     * @param exitCode the audit's own exit code, as computed before the events are sent
     */
    public static List<AuditEvent> of(EvidenceReport report, PackLocation pack, int exitCode, RuleLabels rules) {
        EvidenceReport.RunInfo run = report.run();
        Instant time = run.endedAt();
        List<AuditEvent> events = new ArrayList<>();
        events.add(new AuditEvent(RUN_COMPLETED, time, runCompleted(report, pack, exitCode), "run " + run.runId()));
        if (report.trend() == null) {
            return events;
        }
        Map<String, String> owners = new HashMap<>();
        report.accounts().forEach(a -> owners.put(a.accountId(), a.owner()));
        for (Change change : List.of(Change.NEW, Change.RESOLVED)) {
            for (FindingChange f : report.trend().changes()) {
                if (f.change() == change) {
                    events.add(new AuditEvent(change == Change.NEW ? FINDING_OPENED : FINDING_RESOLVED, time,
                            finding(report, f, owners.get(f.accountId()), rules.of(f.ruleId())),
                            "account " + f.accountId() + ", rule " + f.ruleId()));
                }
            }
        }
        return events;
    }

    /**
     * @param localFolder the run's folder on the machine that ran the audit
     * @param s3Location the published pack ({@code s3://bucket/prefix/}), or null when it is not published
     */
    public record PackLocation(String localFolder, String s3Location) {}

    private static Map<String, Object> runCompleted(EvidenceReport report, PackLocation pack, int exitCode) {
        Map<String, Object> d = header(report);
        EvidenceReport.RunInfo run = report.run();
        d.put("managementAccountId", run.managementAccountId());
        d.put("attempt", run.attempt());
        d.put("startedAt", text(run.startedAt()));
        d.put("endedAt", text(run.endedAt()));
        d.put("exitCode", exitCode);
        EvidenceReport.Summary s = report.summary();
        d.put("accounts", s.accounts());
        d.put("byStatus", names(s.byStatus()));
        d.put("openFindingsBySeverity", names(s.openFindingsBySeverity()));
        d.put("organizationFindings", report.organization().findings().size());
        d.put("complianceRate", s.complianceRate());
        d.put("trend", trend(report.trend()));
        Map<String, Object> where = new LinkedHashMap<>();
        where.put("localFolder", pack.localFolder());
        where.put("s3Location", pack.s3Location());
        d.put("pack", where);
        return d;
    }

    private static Map<String, Object> trend(EvidenceReport.Trend t) {
        if (t == null) {
            return null;
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("previousRunId", t.previousRunId());
        d.put("previousPeriod", t.previousPeriod());
        d.put("newFindings", t.newFindings());
        d.put("resolvedFindings", t.resolvedFindings());
        d.put("stillOpenFindings", t.stillOpenFindings());
        d.put("previousComplianceRate", t.previousComplianceRate());
        d.put("complianceRateChange", t.complianceRateChange());
        return d;
    }

    /** @param owner the account's owner as the pack shows it: "no owner" without an owner tag, null when routing is off */
    private static Map<String, Object> finding(EvidenceReport report, FindingChange f, String owner,
                                               RuleLabels.Label label) {
        Map<String, Object> d = header(report);
        d.put("previousRunId", report.trend().previousRunId());
        d.put("accountId", f.accountId());
        d.put("accountName", f.accountName());
        d.put("owner", owner);
        d.put("ruleId", f.ruleId());
        d.put("title", label.title());
        d.put("severity", f.severity() == null ? null : f.severity().name());
        d.put("controls", List.copyOf(label.controls()));
        d.put("findingDetail", f.detail());
        return d;
    }

    private static Map<String, Object> header(EvidenceReport report) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("schemaVersion", SCHEMA_VERSION);
        d.put("organizationId", report.run().organizationId());
        d.put("period", report.run().period());
        d.put("runId", report.run().runId());
        return d;
    }

    private static Map<String, Integer> names(Map<? extends Enum<?>, Integer> counts) {
        Map<String, Integer> named = new LinkedHashMap<>();
        counts.forEach((k, v) -> named.put(k.name(), v));
        return named;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
