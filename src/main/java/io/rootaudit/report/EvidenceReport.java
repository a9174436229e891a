package io.rootaudit.report;

import io.rootaudit.audit.AuditError;
import io.rootaudit.audit.RootCredentialInventory;
import io.rootaudit.compliance.AccountStatus;
import io.rootaudit.compliance.Severity;
import io.rootaudit.compliance.Tally;
import io.rootaudit.organization.PrerequisiteCheck;
import io.rootaudit.remediation.RemediationDecision;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one run's evidence pack shows, read from the store once and handed to every writer (JSON,
 * CSV, XLSX, PDF), so all artifacts show the same figures. Text fields that came from AWS (names, emails,
 * tags, error messages) are untrusted: writers escape or neutralize them.
 *
 * @param trend comparison with the previous completed run of the organization, or {@code null} for the first
 * @param resultsJsonSha256 SHA-256 of the run's results.json, shown on the PDF cover; {@code null} until written
 * @param remediation what the run's remediation step decided and did, or {@code null} when the run has no
 *     remediation record (remediation was off)
 * @param privilegedActions privileged commands (allow-recovery, unlock-*, ...) recorded since the previous completed
 *     run of the organization started (for the first run: all of them up to this run's end), oldest first; never
 *     {@code null}
 */
public record EvidenceReport(RunInfo run, OrganizationView organization, Summary summary, List<AccountRow> accounts,
                             List<ExceptionRow> exceptions, Trend trend, String resultsJsonSha256,
                             Remediation remediation, List<PrivilegedActionRow> privilegedActions) {

    public EvidenceReport {
        privilegedActions = privilegedActions == null ? List.of() : privilegedActions;
    }

    public EvidenceReport withResultsJsonSha256(String sha256) {
        return new EvidenceReport(run, organization, summary, accounts, exceptions, trend, sha256, remediation,
                privilegedActions);
    }

    /** Every finding of every account, in account order. */
    public List<FindingRow> findings() {
        return accounts.stream().flatMap(a -> a.findings().stream()).toList();
    }

    /**
     * @param configDigest SHA-256 of the effective configuration stored with the run
     * @param generatedAt when this rendering of the pack was made (reports can be re-rendered later)
     */
    public record RunInfo(String runId, String period, int attempt, String organizationId, String managementAccountId,
                          String callerArn, String callerRole, Instant startedAt, Instant endedAt, String toolVersion,
                          String configJson, String configDigest, Instant generatedAt) {}

    /** Organization-level prerequisites and findings (centralized root access). */
    public record OrganizationView(List<String> enabledFeatures, List<PrerequisiteCheck> checks,
                                   List<FindingRow> findings) {}

    /**
     * @param complianceRate (COMPLIANT + EXCEPTED) / (COMPLIANT + NON_COMPLIANT + EXCEPTED + ERROR); {@code null}
     *     when no account was assessed
     */
    public record Summary(int accounts, Map<AccountStatus, Integer> byStatus, Map<Severity, Integer> openFindingsBySeverity,
                          Double complianceRate, List<RuleRow> rules, List<ControlRow> controls) {}

    public record RuleRow(String ruleId, String title, Severity severity, Tally tally) {}

    /**
     * @param framework the framework's name and version, for example "CIS AWS Foundations Benchmark v7.0.0"
     * @param title the control's wording in the framework, for example "Ensure no 'root' user account access key exists"
     * @param label the framework's short label and the control id, for example "CIS v7.0 2.4"
     */
    public record ControlRow(String framework, String controlId, String title, String label, Tally tally) {}

    /**
     * One account of the run.
     *
     * @param inventory the root user's credentials, {@code null} unless audited successfully
     * @param error why it could not be audited, {@code null} unless ERROR
     * @param owner who owns the account, from its owner tags ({@code rootaudit.report.owner-tag-keys}, see
     *     {@code AccountOwner}): the tag's value, "no owner" without one, {@code null} when the run routed no owners
     * @param exceptionReferences tickets of the exceptions that cover any of its findings
     */
    public record AccountRow(String accountId, String name, String email, String ouPath, String state, Instant joinedAt,
                             Map<String, String> tags, String owner, AccountStatus status, String statusReason,
                             Severity highestSeverity, RootCredentialInventory inventory, List<FindingRow> findings,
                             List<String> exceptionReferences, AuditError error, Instant auditedAt) {}

    /**
     * One finding. {@code accountId} and {@code accountName} are null for organization-level findings.
     *
     * @param controls labels of the controls of the reported frameworks that the rule maps to, such as "CIS v7.0 2.4"
     *     or "Security Hub IAM.4"
     * @param exceptionReference ticket of the exception covering it, {@code null} when open
     */
    public record FindingRow(String accountId, String accountName, String ruleId, String title, Severity severity,
                             List<String> controls, String detail, String resource, String exceptionReference,
                             String remediation) {
        public boolean excepted() {
            return exceptionReference != null;
        }
    }

    /** An entry of the exceptions register, {@code ACTIVE} or {@code EXPIRED} on the day the run ended. */
    public record ExceptionRow(String accountId, String accountName, List<String> rules, String reason, String approver,
                               String ticket, LocalDate expires, String status) {}

    /**
     * What changed since the previous completed run of the same organization.
     *
     * @param previousComplianceRate {@code null} when the previous run assessed no account
     * @param complianceRateChange current minus previous rate, {@code null} when either is missing
     */
    public record Trend(String previousRunId, String previousPeriod, Instant previousEndedAt,
                        Double previousComplianceRate, Double complianceRateChange, int newFindings,
                        int resolvedFindings, int stillOpenFindings, List<FindingChange> changes) {}

    /** A finding that appeared, was resolved, or stayed open, keyed by account, rule and resource. */
    public record FindingChange(String accountId, String accountName, String ruleId, Severity severity, Change change,
                                String detail) {}

    public enum Change { NEW, RESOLVED, STILL_OPEN }

    /**
     * The run's remediation step.
     *
     * @param mode {@code DRY_RUN} or {@code APPLY} (as stored with the plan)
     * @param accounts every account the step considered, in account-id order
     */
    public record Remediation(String mode, List<RemediationRow> accounts) {

        /** Accounts per decision, in the order of {@link RemediationDecision} (decisions with no account left out). */
        public Map<String, Integer> byDecision() {
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (RemediationDecision d : RemediationDecision.values()) {
                int n = (int) accounts.stream().filter(a -> d.name().equals(a.decision())).count();
                if (n > 0) {
                    counts.put(d.name(), n);
                }
            }
            accounts.stream().map(RemediationRow::decision).filter(d -> !counts.containsKey(d))
                    .forEach(d -> counts.merge(String.valueOf(d), 1, Integer::sum));
            return counts;
        }
    }

    /**
     * One account of the remediation step.
     *
     * @param decision a {@code RemediationDecision} name, such as {@code REMEDIATED} or {@code SKIPPED_EXCEPTED}
     * @param reason why (skips, failures, dry run), {@code null} when there is nothing to explain
     * @param before the root user's credentials when the plan was made
     * @param after the re-audit's inventory after the deletions; {@code null} when the account was not re-audited
     *     (skipped, dry run, not finished)
     * @param actions the deletions planned or made, in order; empty for skipped accounts
     */
    public record RemediationRow(String accountId, String accountName, String decision, String reason,
                                 RootCredentialInventory before, RootCredentialInventory after, List<ActionRow> actions) {}

    /**
     * One deletion of the remediation step.
     *
     * @param type a {@code RemediationAction.Type} name, such as {@code DELETE_ACCESS_KEY}
     * @param target the access key id, certificate id, MFA serial number, or {@code login-profile}
     * @param status a {@code RemediationAction.Status} name: PLANNED, DONE, ALREADY_GONE, NOT_PERMITTED or FAILED
     * @param detail the error of a failed action, or other detail; may be {@code null}
     */
    public record ActionRow(String type, String target, String status, String detail, Instant at) {}

    /**
     * A privileged command run against a member account's root user (or the organization): who, when, why, under
     * which ticket, and what happened. {@code accountId} is null for organization-level commands; {@code accountName}
     * is null when the account is not part of this run.
     *
     * @param result DONE, DRY_RUN, NO_CHANGE, REFUSED, NOT_CONFIRMED or FAILED; IN_PROGRESS while
     *     delete-root-credentials deletes (or when it was killed doing so)
     */
    public record PrivilegedActionRow(String id, String command, String accountId, String accountName, String target,
                                      String callerArn, Instant at, String reason, String ticket, boolean dryRun,
                                      String result, String detail) {}
}
