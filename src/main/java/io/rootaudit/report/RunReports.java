package io.rootaudit.report;

import io.rootaudit.compliance.AccountOutcome;
import io.rootaudit.compliance.AssessedFinding;
import io.rootaudit.compliance.ComplianceSummary;
import io.rootaudit.compliance.ExceptionEntry;
import io.rootaudit.compliance.Finding;
import io.rootaudit.compliance.OrganizationPosture;
import io.rootaudit.compliance.RuleCatalog;
import io.rootaudit.config.RootAuditProperties;
import io.rootaudit.organization.PreflightReport;
import io.rootaudit.store.RunRecord;
import io.rootaudit.store.RunStore;
import io.rootaudit.store.StoredFinding;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a run's output files from the store: {@code results.json} (the machine-readable record, schema in the
 * README) and {@code accounts.csv} (one row per account, safe to open in a spreadsheet). Accounts are streamed,
 * so the files cost little memory however many accounts the run has.
 */
@Component
public class RunReports {

    public static final String RESULTS_JSON = "results.json";
    public static final String ACCOUNTS_CSV = "accounts.csv";
    static final String SCHEMA_VERSION = "1";

    private final RunStore store;
    private final RuleCatalog catalog;
    private final JsonMapper json;
    private final RootAuditProperties properties;

    RunReports(RunStore store, RuleCatalog catalog, JsonMapper json, RootAuditProperties properties) {
        this.store = store;
        this.catalog = catalog;
        this.json = json;
        this.properties = properties;
    }

    /** The folder where the files of {@code run} are written. */
    public RunFolder folderOf(RunRecord run) {
        return RunFolder.of(properties.report().localDir(), run.organizationId(), run.period(), run.runId());
    }

    /** Writes every output of the run and returns its folder. */
    public RunFolder write(String runId, Instant endedAt) {
        RunRecord run = store.run(runId).orElseThrow(() -> new IllegalArgumentException("No run " + runId));
        RunFolder folder = folderOf(run);
        RunView view = load(run);
        folder.write(RESULTS_JSON, out -> writeJson(run, endedAt, view, out));
        folder.write(ACCOUNTS_CSV, out -> writeCsv(runId, view, out));
        return folder;
    }

    /** The findings of every account and the summary: small even for large organizations. */
    private RunView load(RunRecord run) {
        Map<String, List<StoredFinding>> findings = new HashMap<>();
        store.forEachFinding(run.runId(), f -> findings.computeIfAbsent(f.accountId(), k -> new ArrayList<>()).add(f));
        List<AccountOutcome> outcomes = new ArrayList<>();
        store.forEachAccount(run.runId(), a -> outcomes.add(new AccountOutcome(a.account().id(), a.status(),
                findings.getOrDefault(a.account().id(), List.of()).stream()
                        .map(f -> new AssessedFinding(new Finding(f.ruleId(), f.severity(), f.detail(), f.resource()),
                                f.exceptionReference()))
                        .toList())));
        PreflightReport preflight = json.readValue(run.preflightJson(), PreflightReport.class);
        List<Finding> organizationFindings = catalog.evaluate(new OrganizationPosture(
                preflight.rootCredentialsManagementEnabled(), preflight.rootSessionsEnabled()));
        List<ExceptionEntry> exceptions = run.exceptionsJson() == null ? List.of()
                : json.readValue(run.exceptionsJson(), new TypeReference<List<ExceptionEntry>>() {});
        return new RunView(preflight, organizationFindings, ComplianceSummary.of(outcomes, catalog), findings, exceptions);
    }

    private record RunView(PreflightReport preflight, List<Finding> organizationFindings, ComplianceSummary summary,
                           Map<String, List<StoredFinding>> findings, List<ExceptionEntry> exceptions) {}

    private void writeJson(RunRecord run, Instant endedAt, RunView view, java.io.OutputStream out) {
        try (JsonGenerator g = json.writerWithDefaultPrettyPrinter().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringProperty("schemaVersion", SCHEMA_VERSION);
            g.writeName("run");
            g.writePOJO(ResultsModel.run(run, endedAt, json));
            g.writeName("organization");
            g.writePOJO(ResultsModel.organization(run, view.preflight(), view.organizationFindings(), catalog));
            g.writeName("exceptions");
            g.writePOJO(ResultsModel.exceptions(view.exceptions(), endedAt));
            g.writeName("summary");
            g.writePOJO(ResultsModel.summary(view.summary(), catalog));
            g.writeArrayPropertyStart("accounts");
            store.forEachAccount(run.runId(), a -> g.writePOJO(
                    ResultsModel.account(a, view.findings().getOrDefault(a.account().id(), List.of()), catalog)));
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private void writeCsv(String runId, RunView view, java.io.OutputStream out) throws java.io.IOException {
        var w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8));
        w.write("\uFEFF"); // BOM: spreadsheets then read the file as UTF-8 (names such as "Zürich – 東京")
        w.write(String.join(",", AccountsCsv.HEADER));
        w.write("\r\n");
        java.io.IOException[] failure = new java.io.IOException[1];
        store.forEachAccount(runId, a -> {
            if (failure[0] != null) {
                return;
            }
            try {
                w.write(AccountsCsv.row(a, view.findings().getOrDefault(a.account().id(), List.of())));
                w.write("\r\n");
            } catch (java.io.IOException e) {
                failure[0] = e;
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        w.flush();
    }
}
