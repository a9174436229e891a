package io.rootaudit.store;

import io.rootaudit.audit.AuditError;
import io.rootaudit.audit.RootCredentialInventory;
import io.rootaudit.compliance.AccountStatus;
import io.rootaudit.compliance.Severity;
import io.rootaudit.organization.Account;
import java.time.Instant;

/**
 * An account of a run as stored: the snapshot taken at the start of the run plus, once audited, its verdict.
 *
 * @param status {@code null} while the account still waits for the audit step
 * @param inventory {@code null} unless the account was audited successfully
 * @param error {@code null} unless the status is ERROR
 */
public record StoredAccount(Account account, AccountStatus status, String statusReason, Severity highestSeverity,
                           RootCredentialInventory inventory, AuditError error, Instant auditedAt) {}
