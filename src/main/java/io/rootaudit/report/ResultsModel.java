package io.rootaudit.report;

import io.rootaudit.audit.RootCredentialInventory;
import io.rootaudit.compliance.AccountStatus;
import io.rootaudit.compliance.ComplianceSummary;
import io.rootaudit.compliance.Control;
import io.rootaudit.compliance.ExceptionEntry;
import io.rootaudit.compliance.Finding;
import io.rootaudit.compliance.RuleCatalog;
import io.rootaudit.compliance.RuleMetadata;
import io.rootaudit.compliance.Tally;
import io.rootaudit.organization.PreflightReport;
import io.rootaudit.store.RunRecord;
import io.rootaudit.store.StoredAccount;
import io.rootaudit.store.StoredFinding;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shape of {@code results.json}, section by section, as ordered maps: the field names here are the
 * documented schema (README, "Results schema"), kept in one place so the file and the docs cannot drift.
 */
final class ResultsModel {

    private ResultsModel() {}

    static Map<String, Object> run(RunRecord run, Instant endedAt, JsonMapper json) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runId", run.runId());
        m.put("period", run.period());
        m.put("attempt", run.attempt());
        m.put("startedAt", run.startedAt());
        m.put("endedAt", endedAt);
        m.put("toolVersion", run.toolVersion());
        m.put("callerArn", run.callerArn());
        m.put("configuration", json.readTree(run.configJson()));
        return m;
    }

    static Map<String, Object> organization(RunRecord run, PreflightReport preflight, List<Finding> findings,
                                            RuleCatalog catalog) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("organizationId", run.organizationId());
        m.put("managementAccountId", run.managementAccountId());
        m.put("callerRole", preflight.callerRole());
        m.put("enabledFeatures", preflight.enabledFeatures().stream().sorted().toList());
        m.put("checks", preflight.checks());
        m.put("findings", findings.stream().map(f -> finding(f.ruleId(), f.severity().name(), f.detail(), f.resource(),
                null, catalog)).toList());
        return m;
    }

    /** The exceptions register of the run, each entry marked active or expired on the day the run ended. */
    static List<Map<String, Object>> exceptions(List<ExceptionEntry> entries, Instant endedAt) {
        LocalDate day = LocalDate.ofInstant(endedAt, ZoneOffset.UTC);
        return entries.stream().map(e -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("account", e.account());
            m.put("rules", e.coversAllRules() ? List.of() : e.rules().stream().sorted().toList());
            m.put("reason", e.reason());
            m.put("approver", e.approver());
            m.put("ticket", e.ticket());
            m.put("expires", e.expires().toString());
            m.put("status", e.appliesOn(day) ? "ACTIVE" : "EXPIRED");
            return m;
        }).toList();
    }

    static Map<String, Object> summary(ComplianceSummary summary, RuleCatalog catalog) {
        Map<String, Object> m = new LinkedHashMap<>();
        int total = summary.accountsByStatus().values().stream().mapToInt(Integer::intValue).sum();
        m.put("accounts", total);
        m.put("byStatus", summary.accountsByStatus());
        m.put("openFindingsBySeverity", summary.openFindingsBySeverity());
        m.put("complianceRate", summary.complianceRate().isPresent() ? summary.complianceRate().getAsDouble() : null);
        List<Map<String, Object>> rules = new ArrayList<>();
        summary.byRule().forEach((id, tally) -> {
            Map<String, Object> r = new LinkedHashMap<>();
            RuleMetadata meta = catalog.find(id).orElseThrow();
            r.put("ruleId", id);
            r.put("title", meta.title());
            r.put("severity", meta.severity());
            putTally(r, tally);
            rules.add(r);
        });
        m.put("rules", rules);
        List<Map<String, Object>> controls = new ArrayList<>();
        summary.byControl().forEach((control, tally) -> {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("framework", control.framework().title());
            c.put("controlId", control.id());
            putTally(c, tally);
            controls.add(c);
        });
        m.put("controls", controls);
        return m;
    }

    private static void putTally(Map<String, Object> m, Tally t) {
        m.put("passed", t.passed());
        m.put("failed", t.failed());
        m.put("excepted", t.excepted());
        m.put("notAssessed", t.notAssessed());
    }

    static Map<String, Object> account(StoredAccount a, List<StoredFinding> findings, RuleCatalog catalog) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("accountId", a.account().id());
        m.put("name", a.account().name());
        m.put("email", a.account().email());
        m.put("ouId", a.account().ouId());
        m.put("ouPath", a.account().ouPath());
        m.put("state", a.account().state());
        m.put("joinedAt", a.account().joinedAt());
        m.put("tags", a.account().tags());
        m.put("status", a.status());
        m.put("statusReason", a.statusReason());
        m.put("highestSeverity", a.highestSeverity());
        m.put("auditedAt", a.auditedAt());
        m.put("rootCredentials", a.inventory() == null ? null : credentials(a.inventory()));
        m.put("findings", findings.stream().map(f -> finding(f.ruleId(), f.severity().name(), f.detail(), f.resource(),
                f.exceptionReference(), catalog)).toList());
        Map<String, Object> error = null;
        if (a.status() == AccountStatus.ERROR && a.error() != null) {
            error = new LinkedHashMap<>();
            error.put("code", a.error().code());
            error.put("message", a.error().message());
        }
        m.put("error", error);
        return m;
    }

    private static Map<String, Object> credentials(RootCredentialInventory inv) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rootArn", inv.rootArn());
        m.put("credentialLess", inv.isCredentialLess());
        if (inv.password() == null) {
            m.put("password", null);
        } else {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("createdAt", inv.password().createdAt());
            p.put("lastUsedAt", inv.password().lastUsedAt());
            p.put("resetRequired", inv.password().resetRequired());
            m.put("password", p);
        }
        m.put("accessKeys", inv.accessKeys().stream().map(k -> {
            Map<String, Object> km = new LinkedHashMap<>();
            km.put("accessKeyId", k.accessKeyId());
            km.put("status", k.status());
            km.put("createdAt", k.createdAt());
            km.put("lastUsedAt", k.lastUsedAt());
            km.put("lastUsedService", k.lastUsedService());
            km.put("lastUsedRegion", k.lastUsedRegion());
            return km;
        }).toList());
        m.put("signingCertificates", inv.signingCertificates().stream().map(c -> {
            Map<String, Object> cm = new LinkedHashMap<>();
            cm.put("certificateId", c.certificateId());
            cm.put("status", c.status());
            cm.put("uploadedAt", c.uploadedAt());
            return cm;
        }).toList());
        m.put("mfaDevices", inv.mfaDevices().stream().map(d -> {
            Map<String, Object> dm = new LinkedHashMap<>();
            dm.put("serialNumber", d.serialNumber());
            dm.put("type", d.type());
            dm.put("enabledAt", d.enabledAt());
            return dm;
        }).toList());
        return m;
    }

    private static Map<String, Object> finding(String ruleId, String severity, String detail, String resource,
                                               String exceptionReference, RuleCatalog catalog) {
        Map<String, Object> m = new LinkedHashMap<>();
        RuleMetadata meta = catalog.find(ruleId).orElse(null);
        m.put("ruleId", ruleId);
        m.put("title", meta == null ? null : meta.title());
        m.put("severity", severity);
        m.put("controls", meta == null ? List.of() : meta.controls().stream().map(Control::label).toList());
        m.put("detail", detail);
        m.put("resource", resource);
        m.put("excepted", exceptionReference != null);
        m.put("exceptionReference", exceptionReference);
        m.put("remediation", meta == null ? null : meta.remediation());
        return m;
    }
}
