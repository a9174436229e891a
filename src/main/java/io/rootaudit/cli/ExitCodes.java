package io.rootaudit.cli;

import io.rootaudit.application.AuditOutcome;
import io.rootaudit.application.NotifyOutcome;
import io.rootaudit.application.PrivilegedActions;
import io.rootaudit.application.PublishOutcome;
import io.rootaudit.compliance.AccountStatus;

/**
 * Outcomes to the documented exit codes: the one place that knows their precedence. For {@code audit}: a run
 * refused before it started (9), then a failed publish (6) over a failed export or notification (10) over a failed
 * remediation (8) over accounts that could not be audited (4) over findings (3).
 */
final class ExitCodes {

    private ExitCodes() {}

    static ExitCode of(AuditOutcome outcome) {
        ExitCode published = outcome.publish() == null ? ExitCode.OK : of(outcome.publish());
        return switch (outcome.kind()) {
            case PREREQUISITE_MISSING -> ExitCode.PREREQUISITE_MISSING;
            case ALREADY_RUNNING -> ExitCode.ALREADY_RUNNING;
            case FAILED -> ExitCode.FAILURE;
            case ALREADY_COMPLETED -> published;
            case COMPLETED -> published != ExitCode.OK ? published : notified(outcome);
        };
    }

    private static ExitCode notified(AuditOutcome outcome) {
        boolean failed = outcome.notification() != null && outcome.notification().kind() == NotifyOutcome.Kind.FAILED;
        return failed ? ExitCode.EXPORT_FAILED : findings(outcome);
    }

    private static ExitCode findings(AuditOutcome outcome) {
        if (outcome.remediation() != null && !outcome.remediation().failures().isEmpty()) {
            return ExitCode.REMEDIATION_FAILED;
        }
        if (outcome.count(AccountStatus.ERROR) > 0) {
            return ExitCode.NOT_AUDITED;
        }
        if (outcome.count(AccountStatus.NON_COMPLIANT) > 0 || outcome.organizationFindings() > 0) {
            return ExitCode.NON_COMPLIANT;
        }
        return ExitCode.OK;
    }

    static ExitCode of(PublishOutcome outcome) {
        return outcome.kind() == PublishOutcome.Kind.FAILED ? ExitCode.PUBLISH_FAILED : ExitCode.OK;
    }

    static ExitCode of(PrivilegedActions.Outcome.Kind kind) {
        return switch (kind) {
            case DONE, NO_CHANGE, DRY_RUN -> ExitCode.OK;
            case REFUSED, NOT_CONFIRMED -> ExitCode.USAGE;
            case PREREQUISITE_MISSING -> ExitCode.PREREQUISITE_MISSING;
            case FAILED -> ExitCode.FAILURE;
        };
    }
}
