package io.rootaudit.application;

import io.rootaudit.compliance.AccountStatus;
import io.rootaudit.organization.PreflightReport;
import io.rootaudit.remediation.RemediationDecision;
import io.rootaudit.store.RunRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What {@code audit} of a period came to; the command line turns it into the documented exit code.
 *
 * @param preflight null when the period was known to be done without any AWS call
 * @param run null when no run was started or found
 * @param folder the run's evidence pack folder, when there is a run
 * @param counts accounts per status of a completed run (every status present), else empty
 * @param organizationFindings organization-level findings of a completed run
 * @param remediation what remediation did in a completed run, null when it did not run
 * @param publish what publishing did (also for an already completed period), null when not reached
 * @param export what the findings export to Security Hub did (also for an already completed period), null when not
 *     reached
 * @param failure why the run did not complete ({@code ALREADY_RUNNING}, {@code FAILED})
 * @param notification what putting the run's events on EventBridge did, null when not reached (only a run completed by this
 *     invocation sends events)
 */
public record AuditOutcome(Kind kind, PreflightReport preflight, RunRecord run, Path folder,
                           Map<AccountStatus, Long> counts, int organizationFindings, Remediation remediation,
                           PublishOutcome publish, ExportOutcome export, String failure, NotifyOutcome notification) {

    /** Before notification, or without it. */
    public AuditOutcome(Kind kind, PreflightReport preflight, RunRecord run, Path folder, Map<AccountStatus, Long> counts,
                        int organizationFindings, Remediation remediation, PublishOutcome publish, ExportOutcome export,
                        String failure) {
        this(kind, preflight, run, folder, counts, organizationFindings, remediation, publish, export, failure, null);
    }

    AuditOutcome withNotify(NotifyOutcome outcome) {
        return new AuditOutcome(kind, preflight, run, folder, counts, organizationFindings, remediation, publish, export,
                failure, outcome);
    }

    public enum Kind {
        /** The period was completed by an earlier run and not audited again. */
        ALREADY_COMPLETED,
        PREREQUISITE_MISSING,
        /** Another invocation holds the organization's period (or the embedded database). */
        ALREADY_RUNNING,
        /** The run did not complete; running the same command again resumes it. */
        FAILED,
        COMPLETED
    }

    /**
     * @param mode APPLY or DRY_RUN
     * @param decisions accounts per remediation decision
     * @param limitExceeded the reason when max-accounts stopped the plan, else null
     * @param failures "account: reason" of every account remediation could not clean
     */
    public record Remediation(String mode, Map<RemediationDecision, Long> decisions, String limitExceeded,
                              List<String> failures) {}

    public long count(AccountStatus status) {
        return counts.getOrDefault(status, 0L);
    }
}
