package io.rootaudit.store;

import io.rootaudit.audit.AuditError;
import io.rootaudit.audit.EvidenceLog;
import io.rootaudit.audit.RootCredentialInventory;
import io.rootaudit.compliance.AccountStatus;
import io.rootaudit.compliance.AssessedFinding;
import io.rootaudit.compliance.Severity;
import java.time.Instant;
import java.util.List;

/**
 * The verdict on one account, as the audit step hands it to the store.
 *
 * @param statusReason why the status is what it is when that needs saying (a recovery in progress); null otherwise
 */
public record AccountResult(String accountId, AccountStatus status, String statusReason, Severity highestSeverity,
                            RootCredentialInventory inventory, AuditError error, List<EvidenceLog.Entry> evidence,
                            List<AssessedFinding> findings, Instant auditedAt) {

    public AccountResult {
        evidence = List.copyOf(evidence);
        findings = List.copyOf(findings);
    }
}
