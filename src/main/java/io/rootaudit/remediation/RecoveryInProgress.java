package io.rootaudit.remediation;

import io.rootaudit.audit.RootCredentialInventory;
import io.rootaudit.config.RootAuditProperties;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Recognizes a root password recovery in progress: a password younger than the remediation grace period. The
 * audit names it (with who allowed it, why and under which ticket, when rootaudit's allow-recovery did), and
 * remediation leaves it alone until the grace period ends.
 */
@Component
public class RecoveryInProgress {

    private final Duration gracePeriod;
    private final PrivilegedActionLog actions;

    RecoveryInProgress(RootAuditProperties properties, PrivilegedActionLog actions) {
        this.gracePeriod = properties.remediation().gracePeriod();
        this.actions = actions;
    }

    public boolean applies(RootCredentialInventory inventory, Instant now) {
        return inventory != null && inventory.password() != null && inventory.password().createdAt() != null
                && inventory.password().createdAt().isAfter(now.minus(gracePeriod));
    }

    /** The status reason for a recovery in progress, or null when there is none. */
    public String reason(String accountId, RootCredentialInventory inventory, Instant now) {
        if (!applies(inventory, now)) {
            return null;
        }
        Instant created = inventory.password().createdAt();
        String approval = actions.latest("allow-recovery", accountId)
                .filter(a -> !a.at().isAfter(created.plusSeconds(60)))
                .map(a -> "; allowed by " + a.callerArn() + " at " + a.at() + " for ticket " + a.ticket() + ": " + a.reason())
                .orElse("; no allow-recovery by rootaudit is on record");
        return "root password recovery in progress: password created " + created + ", left alone until "
                + created.plus(gracePeriod) + approval;
    }
}
