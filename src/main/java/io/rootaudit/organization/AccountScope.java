package io.rootaudit.remediation;

import io.rootaudit.config.RootAuditProperties;
import io.rootaudit.organization.Account;

/**
 * Which accounts remediation may touch ({@code rootaudit.remediation.scope}): the one check behind both the
 * run's remediation step and {@code delete-root-credentials}, so the two can never disagree about an account.
 */
record RemediationScope(RootAuditProperties.Scope scope) {

    /** Whether {@link #includes} needs the account's OU id path ({@link Account#ouIdPath()}). */
    boolean restrictsOus() {
        return !scope.organizationalUnits().isEmpty();
    }

    boolean includes(Account account) {
        return (scope.organizationalUnits().isEmpty() || scope.organizationalUnits().stream().anyMatch(account::isUnder))
                && (scope.includeAccounts().isEmpty() || scope.includeAccounts().contains(account.id()))
                && !scope.excludeAccounts().contains(account.id());
    }
}
