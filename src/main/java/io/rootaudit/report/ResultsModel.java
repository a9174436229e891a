package io.rootaudit.report;

import io.rootaudit.audit.RootCredentialInventory;
import io.rootaudit.report.EvidenceReport.AccountRow;
import io.rootaudit.report.EvidenceReport.ExceptionRow;
import io.rootaudit.report.EvidenceReport.FindingRow;
import io.rootaudit.report.EvidenceReport.PrivilegedActionRow;
import io.rootaudit.report.EvidenceReport.Remediation;
import io.rootaudit.report.EvidenceReport.Trend;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shape of {@code results.json}, section by section, as ordered maps: the field names here are the
 * documented schema (docs/evidence-pack.md, "results.json"), kept in one place so the file and the docs cannot drift.
 */
final class ResultsModel {

    static final String SCHEMA_VERSION = "1";

    private ResultsModel() {}

    static Map<String, Object> run(EvidenceReport.RunInfo run, JsonMapper json) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runId", run.runId());
        m.put("period", run.period());
        m.put("attempt", run.attempt());
        m.put("startedAt", run.startedAt());
        m.put("endedAt", run.endedAt());
        m.put("toolVersion", run.toolVersion());
        m.put("callerArn", run.callerArn());
        m.put("configurationSha256", run.configDigest());
        m.put("configuration", json.readTree(run.configJson()));
        return m;
    }

    static Map<String, Object> organization(EvidenceReport report) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("organizationId", report.run().organizationId());
        m.put("managementAccountId", report.run().managementAccountId());
        m.put("callerRole", report.run().callerRole());
        m.put("enabledFeatures", report.organization().enabledFeatures());
        m.put("checks", report.organization().checks());
        m.put("findings", report.organization().findings().stream().map(ResultsModel::finding).toList());
        return m;
    }

    /** The exceptions register of the run, each entry marked active or expired on the day the run ended. */
    static List<Map<String, Object>> exceptions(List<ExceptionRow> entries) {
        return entries.stream().map(e -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("account", e.accountId());
            m.put("rules", e.rules());
            m.put("reason", e.reason());
            m.put("approver", e.approver());
            m.put("ticket", e.ticket());
            m.put("expires", e.expires().toString());
            m.put("status", e.status());
            return m;
        }).toList();
    }

    static Map<String, Object> summary(EvidenceReport.Summary summary) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("accounts", summary.accounts());
        m.put("byStatus", summary.byStatus());
        m.put("openFindingsBySeverity", summary.openFindingsBySeverity());
        m.put("complianceRate", summary.complianceRate());
        m.put("rules", summary.rules().stream().map(r -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("ruleId", r.ruleId());
            row.put("title", r.title());
            row.put("severity", r.severity());
            putTally(row, r.tally());
            return row;
        }).toList());
        m.put("controls", summary.controls().stream().map(c -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("framework", c.framework());
            row.put("controlId", c.controlId());
            putTally(row, c.tally());
            return row;
        }).toList());
        return m;
    }

    /** Counts of the comparison with the previous run; the per-finding changes are in the XLSX and PDF. */
    static Map<String, Object> trend(Trend trend) {
        if (trend == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("previousRunId", trend.previousRunId());
        m.put("previousPeriod", trend.previousPeriod());
        m.put("previousComplianceRate", trend.previousComplianceRate());
        m.put("complianceRateChange", trend.complianceRateChange());
        m.put("newFindings", trend.newFindings());
        m.put("resolvedFindings", trend.resolvedFindings());
        m.put("stillOpenFindings", trend.stillOpenFindings());
        return m;
    }

    /**
     * The run's remediation step: its mode and, per account considered, the decision, the credentials before and
     * after (in the {@code rootCredentials} format) and every action. {@code null} when remediation was off.
     */
    static Map<String, Object> remediation(Remediation remediation) {
        if (remediation == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mode", remediation.mode());
        m.put("accounts", remediation.accounts().stream().map(a -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("accountId", a.accountId());
            row.put("decision", a.decision());
            row.put("reason", a.reason());
            row.put("before", a.before() == null ? null : credentials(a.before()));
            row.put("after", a.after() == null ? null : credentials(a.after()));
            row.put("actions", a.actions().stream().map(x -> {
                Map<String, Object> action = new LinkedHashMap<>();
                action.put("type", x.type());
                action.put("target", x.target());
                action.put("status", x.status());
                action.put("detail", x.detail());
                action.put("at", x.at());
                return action;
            }).toList());
            return row;
        }).toList());
        return m;
    }

    /** Privileged commands recorded since the previous completed run of the organization started, oldest first. */
    static List<Map<String, Object>> privilegedActions(List<PrivilegedActionRow> actions) {
        return actions.stream().map(a -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", a.id());
            m.put("command", a.command());
            m.put("accountId", a.accountId());
            m.put("accountName", a.accountName());
            m.put("target", a.target());
            m.put("callerArn", a.callerArn());
            m.put("at", a.at());
            m.put("reason", a.reason());
            m.put("ticket", a.ticket());
            m.put("dryRun", a.dryRun());
            m.put("result", a.result());
            m.put("detail", a.detail());
            return m;
        }).toList();
    }

    private static void putTally(Map<String, Object> m, io.rootaudit.compliance.Tally t) {
        m.put("passed", t.passed());
        m.put("failed", t.failed());
        m.put("excepted", t.excepted());
        m.put("notAssessed", t.notAssessed());
    }

    static Map<String, Object> account(AccountRow a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("accountId", a.accountId());
        m.put("name", a.name());
        m.put("email", a.email());
        m.put("ouPath", a.ouPath());
        m.put("state", a.state());
        m.put("joinedAt", a.joinedAt());
        m.put("tags", a.tags());
        m.put("status", a.status());
        m.put("statusReason", a.statusReason());
        m.put("highestSeverity", a.highestSeverity());
        m.put("auditedAt", a.auditedAt());
        m.put("rootCredentials", a.inventory() == null ? null : credentials(a.inventory()));
        m.put("findings", a.findings().stream().map(ResultsModel::finding).toList());
        Map<String, Object> error = null;
        if (a.error() != null) {
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

    private static Map<String, Object> finding(FindingRow f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ruleId", f.ruleId());
        m.put("title", f.title());
        m.put("severity", f.severity());
        m.put("controls", f.controls());
        m.put("detail", f.detail());
        m.put("resource", f.resource());
        m.put("excepted", f.excepted());
        m.put("exceptionReference", f.exceptionReference());
        m.put("remediation", f.remediation());
        return m;
    }
}
