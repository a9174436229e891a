package io.rootaudit.cli;

import io.rootaudit.application.AuditOutcome;
import io.rootaudit.application.ExportOutcome;
import io.rootaudit.application.NotifyOutcome;
import io.rootaudit.application.PrivilegedActions;
import io.rootaudit.application.PublishOutcome;
import io.rootaudit.compliance.AccountStatus;

/**
 * Outcomes to the documented exit codes: the one place that knows their precedence. For {@code audit}: a run
 * refused before it started (9), then a failed publish (6) over a failed findings export or event notification (10)
 * over a failed remediation (8) over accounts that could not be audited (4) over findings (3). Both 6 and 10 say that
 * something the audit produced did not reach where it is read; a monthly exit 3 would hide that, so they come first,
 * and the pack (the evidence itself) before its copies in Security Hub and on EventBridge.
 */
final class ExitCodes {

    private ExitCodes() {}

    static ExitCode of(AuditOutcome outcome) {
        ExitCode published = outcome.publish() == null ? ExitCode.OK : of(outcome.publish());
        ExitCode delivered = published != ExitCode.OK || outcome.export() == null ? published : of(outcome.export());
        return switch (outcome.kind()) {
            case PREREQUISITE_MISSING -> ExitCode.PREREQUISITE_MISSING;
            case ALREADY_RUNNING -> ExitCode.ALREADY_RUNNING;
            case FAILED -> ExitCode.FAILURE;
            case ALREADY_COMPLETED -> delivered;
            case COMPLETED -> delivered != ExitCode.OK ? delivered : notified(outcome);
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

    static ExitCode of(ExportOutcome outcome) {
        return outcome.kind() == ExportOutcome.Kind.FAILED ? ExitCode.EXPORT_FAILED : ExitCode.OK;
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
