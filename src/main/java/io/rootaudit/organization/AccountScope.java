package io.rootaudit.organization;

import io.rootaudit.config.RootAuditProperties;

/**
 * Which accounts a scope setting ({@code rootaudit.scope}, {@code rootaudit.remediation.scope}) admits: the one
 * predicate behind the audit's snapshot, the run's remediation step and {@code delete-root-credentials}, so they can
 * never disagree about an account.
 */
public record AccountScope(RootAuditProperties.Scope scope) {

    /** Whether {@link #includes} needs the account's OU id path ({@link Account#ouIdPath()}). */
    public boolean restrictsOus() {
        return !scope.organizationalUnits().isEmpty();
    }

    public boolean includes(Account account) {
        return (scope.organizationalUnits().isEmpty() || scope.organizationalUnits().stream().anyMatch(account::isUnder))
                && (scope.includeAccounts().isEmpty() || scope.includeAccounts().contains(account.id()))
                && !scope.excludeAccounts().contains(account.id());
    }
}
