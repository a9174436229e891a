package io.rootaudit.export;

import io.rootaudit.compliance.ControlMappings;
import io.rootaudit.compliance.RuleCatalog;
import io.rootaudit.report.EvidenceReport;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;

/**
 * Sends a run's findings to Security Hub: maps the evidence report to ASFF ({@link AsffFindings}), splits it into the
 * calls the API accepts ({@link ImportBatches}) and imports them, logging every finding or call that failed. The
 * first call that fails as a whole ends the export (the next calls would meet the same hub): the findings not sent are
 * counted as not imported, and {@code export --run ID} sends them all again, which updates rather than duplicates.
 */
@Component
public class FindingsExport {

    public static final String SECURITY_HUB = "security-hub";
    private static final Logger log = LoggerFactory.getLogger(FindingsExport.class);

    private final SecurityHubImporter importer;
    private final RuleBook rules;
    private final Clock clock;

    FindingsExport(SecurityHubImporter importer, RuleCatalog catalog, ControlMappings controls, Clock clock) {
        this.importer = importer;
        this.rules = RuleBook.of(catalog, controls);
        this.clock = clock;
    }

    public boolean enabled() {
        return importer.enabled();
    }

    /**
     * @param callerArn the identity the run audited as: its account is the one whose Security Hub gets the findings
     * @param createdAt when rootaudit first audited the organization (every finding's {@code CreatedAt})
     */
    public ExportReport toSecurityHub(EvidenceReport report, String callerArn, Instant createdAt) {
        ExportTarget target = ExportTarget.of(callerArn, importer.region());
        List<AwsSecurityFinding> findings = AsffFindings.of(report, target, rules, createdAt, clock.instant());
        ImportBatches<AwsSecurityFinding> batches = ImportBatches.of(findings, SecurityHubImporter::bytes);
        List<ExportReport.Failure> failures = new ArrayList<>();
        batches.tooLarge().forEach(f -> failures.add(new ExportReport.Failure(f.id(), "FindingTooLarge",
                "larger than the 240 KB BatchImportFindings accepts; not sent")));
        int imported = 0;
        int sent = 0;
        for (List<AwsSecurityFinding> batch : batches.batches()) {
            try {
                List<ExportReport.Failure> refused = importer.importFindings(batch);
                failures.addAll(refused);
                imported += batch.size() - refused.size();
                sent += batch.size();
            } catch (SecurityHubImporter.ImportFailedException e) {
                int notSent = batches.batches().stream().mapToInt(List::size).sum() - sent;
                failures.add(new ExportReport.Failure(null, e.code(), "BatchImportFindings failed: " + e.getMessage()
                        + "; " + notSent + " findings not imported"));
                break;
            }
        }
        ExportReport result = new ExportReport(SECURITY_HUB, findings.size(), imported, failures);
        log(report.run().runId(), target, result, batches.batches().size());
        return result;
    }

    private static void log(String runId, ExportTarget target, ExportReport result, int calls) {
        if (result.succeeded()) {
            log.info("Imported {} findings of run {} into Security Hub ({}, account {}) in {} BatchImportFindings call{}",
                    result.imported(), runId, target.region(), target.accountId(), calls, calls == 1 ? "" : "s");
            return;
        }
        log.warn("Security Hub imported {} of {} findings of run {} ({}, account {}); failed:", result.imported(),
                result.findings(), runId, target.region(), target.accountId());
        result.failures().forEach(f -> log.warn("  {}", f));
    }
}
