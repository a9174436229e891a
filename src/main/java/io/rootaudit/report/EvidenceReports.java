package io.rootaudit.report;

import io.rootaudit.compliance.AccountKind;
import io.rootaudit.compliance.AccountOutcome;
import io.rootaudit.compliance.AccountStatus;
import io.rootaudit.compliance.AssessedFinding;
import io.rootaudit.compliance.ComplianceSummary;
import io.rootaudit.compliance.ControlMappings;
import io.rootaudit.compliance.ExceptionEntry;
import io.rootaudit.compliance.Finding;
import io.rootaudit.compliance.RuleCatalog;
import io.rootaudit.compliance.RuleMetadata;
import io.rootaudit.organization.AccountOwner;
import io.rootaudit.organization.PreflightReport;
import io.rootaudit.remediation.PrivilegedActionLog;
import io.rootaudit.remediation.RemediationAction;
import io.rootaudit.remediation.RemediationLog;
import io.rootaudit.report.EvidenceReport.AccountRow;
import io.rootaudit.report.EvidenceReport.ActionRow;
import io.rootaudit.report.EvidenceReport.Change;
import io.rootaudit.report.EvidenceReport.ControlRow;
import io.rootaudit.report.EvidenceReport.ExceptionRow;
import io.rootaudit.report.EvidenceReport.FindingChange;
import io.rootaudit.report.EvidenceReport.FindingRow;
import io.rootaudit.report.EvidenceReport.PrivilegedActionRow;
import io.rootaudit.report.EvidenceReport.Remediation;
import io.rootaudit.report.EvidenceReport.RemediationRow;
import io.rootaudit.report.EvidenceReport.RuleRow;
import io.rootaudit.report.EvidenceReport.Trend;
import io.rootaudit.store.AccountResultStore;
import io.rootaudit.store.OrganizationFindingStore;
import io.rootaudit.store.RunRecord;
import io.rootaudit.store.RunStore;
import io.rootaudit.store.StoredFinding;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds a run's {@link EvidenceReport} from the store, without any AWS call, so the pack of any stored run
 * can be rendered again exactly as it was. The trend compares with the previous completed run of the same
 * organization; the privileged actions are those recorded since that run started.
 */
@Component
public class EvidenceReports {

    private final RunStore runs;
    private final AccountResultStore accountResults;
    private final OrganizationFindingStore organizationFindings;
    private final RuleCatalog catalog;
    private final ControlMappings controls;
    private final JsonMapper json;
    private final Clock clock;
    private final RemediationLog remediationLog;
    private final PrivilegedActionLog privilegedActionLog;

    EvidenceReports(RunStore runs, AccountResultStore accountResults, OrganizationFindingStore organizationFindings,
                    RuleCatalog catalog, ControlMappings controls, JsonMapper json, Clock clock,
                    RemediationLog remediationLog, PrivilegedActionLog privilegedActionLog) {
        this.runs = runs;
        this.accountResults = accountResults;
        this.organizationFindings = organizationFindings;
        this.catalog = catalog;
        this.controls = controls;
        this.json = json;
        this.clock = clock;
        this.remediationLog = remediationLog;
        this.privilegedActionLog = privilegedActionLog;
    }

    /** @param endedAt end of the run; a completed run's stored end is used when {@code null} */
    public EvidenceReport build(String runId, Instant endedAt) {
        RunRecord run = runs.run(runId).orElseThrow(() -> new IllegalArgumentException("No run " + runId + " in the store"));
        Instant end = endedAt != null ? endedAt : run.endedAt();
        PreflightReport preflight = json.readValue(run.preflightJson(), PreflightReport.class);

        AccountOwner owners = owners(run);
        Map<String, List<StoredFinding>> stored = findingsByAccount(runId);
        List<AccountRow> accounts = new ArrayList<>();
        List<AccountOutcome> outcomes = new ArrayList<>();
        accountResults.forEachAccount(runId, a -> {
            String id = a.account().id();
            List<StoredFinding> fs = stored.getOrDefault(id, List.of());
            List<FindingRow> rows = fs.stream().map(f -> row(id, a.account().name(), f.ruleId(), f.severity(), f.detail(),
                    f.resource(), f.exceptionReference())).toList();
            accounts.add(new AccountRow(id, a.account().name(), a.account().email(), a.account().ouPath(),
                    a.account().state(), a.account().joinedAt(), a.account().tags(), owners.of(a.account().tags()), a.status(), a.statusReason(),
                    a.highestSeverity(), a.inventory(), rows,
                    fs.stream().map(StoredFinding::exceptionReference).filter(Objects::nonNull).distinct().toList(),
                    a.error(), a.auditedAt()));
            outcomes.add(new AccountOutcome(id, a.status(), fs.stream().map(f -> new AssessedFinding(
                    new Finding(f.ruleId(), f.severity(), f.detail(), f.resource()), f.exceptionReference())).toList(),
                    id.equals(run.managementAccountId()) ? AccountKind.MANAGEMENT : AccountKind.MEMBER));
        });
        ComplianceSummary summary = ComplianceSummary.of(outcomes, catalog, controls);

        List<FindingRow> organizationRows = organizationFindings.findings(runId).stream()
                .map(f -> row(null, null, f.ruleId(), f.severity(), f.detail(), f.resource(), null)).toList();
        Map<String, String> names = new HashMap<>();
        accounts.forEach(a -> names.put(a.accountId(), a.name()));

        EvidenceReport.RunInfo info = new EvidenceReport.RunInfo(run.runId(), run.period(), run.attempt(),
                run.organizationId(), run.managementAccountId(), run.callerArn(), String.valueOf(preflight.callerRole()),
                run.startedAt(), end, run.toolVersion(), run.configJson(), Digests.sha256(run.configJson().getBytes(StandardCharsets.UTF_8)),
                clock.instant());
        Optional<RunRecord> previous = runs.previousCompletedRun(run.organizationId(), run.runId(), run.startedAt());
        return new EvidenceReport(info,
                new EvidenceReport.OrganizationView(preflight.enabledFeatures().stream().sorted().toList(), preflight.checks(),
                        organizationRows),
                summary(summary, accounts.size()), accounts, exceptions(run, end, names),
                trend(previous, summary, accounts).orElse(null), null, remediation(runId, names),
                privilegedActions(previous.map(RunRecord::startedAt).orElse(null), end, names));
    }

    /**
     * Owner routing as configured when the run was made (stored with it), not as configured now: the tags were read,
     * or not, for that configuration.
     */
    private AccountOwner owners(RunRecord run) {
        List<String> keys = new ArrayList<>();
        json.readTree(run.configJson()).path("report").path("ownerTagKeys").forEach(k -> keys.add(k.asString()));
        return new AccountOwner(keys);
    }

    /** The run's remediation record, or {@code null} when the step recorded nothing (remediation was off). */
    private Remediation remediation(String runId, Map<String, String> names) {
        List<RemediationLog.Entry> entries = remediationLog.entries(runId);
        if (entries.isEmpty()) {
            return null;
        }
        Map<String, List<ActionRow>> actions = new HashMap<>();
        for (RemediationAction a : remediationLog.actions(runId)) {
            actions.computeIfAbsent(a.accountId(), k -> new ArrayList<>()).add(new ActionRow(a.type().name(), a.target(),
                    a.status().name(), a.detail(), a.at()));
        }
        List<RemediationRow> rows = entries.stream().map(e -> new RemediationRow(e.accountId(), names.get(e.accountId()),
                e.decision().name(), e.reason(), e.before(), e.after(),
                List.copyOf(actions.getOrDefault(e.accountId(), List.of())))).toList();
        // the plan is stored whole with one mode; a mix could only come from a hand-edited store
        String mode = String.join(", ", entries.stream().map(RemediationLog.Entry::mode).distinct().toList());
        return new Remediation(mode, rows);
    }

    /**
     * Privileged commands in (previous run's start, this run's end], oldest first: what was done with root sessions
     * between the two audits. {@code from} is null for the first run of the organization.
     */
    private List<PrivilegedActionRow> privilegedActions(Instant from, Instant end, Map<String, String> names) {
        Instant to = end != null ? end : clock.instant();
        return privilegedActionLog.between(from, to).stream()
                .map(a -> new PrivilegedActionRow(a.id(), a.command(), a.accountId(),
                        a.accountId() == null ? null : names.get(a.accountId()), a.target(), a.callerArn(), a.at(),
                        a.reason(), a.ticket(), a.dryRun(), a.result(), a.detail()))
                .toList();
    }

    private Map<String, List<StoredFinding>> findingsByAccount(String runId) {
        Map<String, List<StoredFinding>> findings = new HashMap<>();
        accountResults.forEachFinding(runId, f -> findings.computeIfAbsent(f.accountId(), k -> new ArrayList<>()).add(f));
        return findings;
    }

    private FindingRow row(String accountId, String accountName, String ruleId, io.rootaudit.compliance.Severity severity,
                           String detail, String resource, String exceptionReference) {
        Optional<RuleMetadata> meta = catalog.find(ruleId);
        return new FindingRow(accountId, accountName, ruleId, meta.map(RuleMetadata::title).orElse(ruleId), severity,
                controls.labelsOf(ruleId), detail, resource,
                exceptionReference, meta.map(RuleMetadata::remediation).orElse(null));
    }

    private EvidenceReport.Summary summary(ComplianceSummary s, int accounts) {
        List<RuleRow> rules = new ArrayList<>();
        s.byRule().forEach((id, tally) -> {
            RuleMetadata meta = catalog.find(id).orElseThrow();
            rules.add(new RuleRow(id, meta.title(), meta.severity(), tally));
        });
        List<ControlRow> controls = new ArrayList<>();
        s.byControl().forEach((c, tally) -> controls.add(new ControlRow(c.framework().title(), c.id(), c.title(), c.label(),
                tally)));
        return new EvidenceReport.Summary(accounts, s.accountsByStatus(), s.openFindingsBySeverity(),
                s.complianceRate().isPresent() ? s.complianceRate().getAsDouble() : null, rules, controls);
    }

    private List<ExceptionRow> exceptions(RunRecord run, Instant end, Map<String, String> names) {
        if (run.exceptionsJson() == null) {
            return List.of();
        }
        List<ExceptionEntry> entries = json.readValue(run.exceptionsJson(), new TypeReference<List<ExceptionEntry>>() {});
        LocalDate day = LocalDate.ofInstant(end, ZoneOffset.UTC);
        return entries.stream().map(e -> new ExceptionRow(e.account(), names.get(e.account()),
                e.coversAllRules() ? List.of() : e.rules().stream().sorted().toList(), e.reason(), e.approver(), e.ticket(),
                e.expires(), e.appliesOn(day) ? "ACTIVE" : "EXPIRED")).toList();
    }

    /** Open (unexcepted) findings of this run against those of the previous completed run of the organization. */
    private Optional<Trend> trend(Optional<RunRecord> previous, ComplianceSummary summary, List<AccountRow> accounts) {
        if (previous.isEmpty()) {
            return Optional.empty();
        }
        Map<String, FindingChange> before = new LinkedHashMap<>();
        accountResults.forEachFinding(previous.get().runId(), f -> {
            if (!f.excepted()) {
                before.put(key(f.accountId(), f.ruleId(), f.resource()),
                        new FindingChange(f.accountId(), null, f.ruleId(), f.severity(), Change.RESOLVED, f.detail()));
            }
        });
        List<FindingChange> changes = new ArrayList<>();
        int added = 0;
        int stillOpen = 0;
        for (AccountRow a : accounts) {
            for (FindingRow f : a.findings()) {
                if (f.excepted()) {
                    // covered by an exception now: not resolved (the credential is still there), not open either
                    before.remove(key(a.accountId(), f.ruleId(), f.resource()));
                    continue;
                }
                boolean known = before.remove(key(a.accountId(), f.ruleId(), f.resource())) != null;
                changes.add(new FindingChange(a.accountId(), a.name(), f.ruleId(), f.severity(),
                        known ? Change.STILL_OPEN : Change.NEW, f.detail()));
                if (known) {
                    stillOpen++;
                } else {
                    added++;
                }
            }
        }
        Map<String, String> names = new HashMap<>();
        accounts.forEach(a -> names.put(a.accountId(), a.name()));
        // Only an account audited in this run can show that a finding is gone: one in ERROR, skipped or out of
        // scope now proves nothing, so its earlier findings are neither resolved nor open.
        java.util.Set<String> audited = new java.util.HashSet<>();
        accounts.stream().filter(a -> a.inventory() != null).forEach(a -> audited.add(a.accountId()));
        before.values().removeIf(r -> !audited.contains(r.accountId()));
        before.values().forEach(r -> changes.add(new FindingChange(r.accountId(), names.get(r.accountId()), r.ruleId(),
                r.severity(), Change.RESOLVED, r.detail())));
        OptionalDouble previousRateOf = ComplianceSummary.rate(accountResults.countByStatus(previous.get().runId()));
        Double previousRate = previousRateOf.isPresent() ? previousRateOf.getAsDouble() : null;
        Double rate = summary.complianceRate().isPresent() ? summary.complianceRate().getAsDouble() : null;
        return Optional.of(new Trend(previous.get().runId(), previous.get().period(), previous.get().endedAt(), previousRate,
                rate == null || previousRate == null ? null : rate - previousRate, added, before.size(), stillOpen, changes));
    }

    private static String key(String accountId, String ruleId, String resource) {
        return accountId + '\u0000' + ruleId + '\u0000' + (resource == null ? "" : resource);
    }
}
