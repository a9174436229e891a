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

    /**
     * Whether {@link #includes} needs the account's tags ({@code include-tags}, {@code exclude-tags}): they must be
     * read before the account is judged, since Organizations lists accounts without their tags.
     */
    public boolean usesTags() {
        return !scope.includeTags().isEmpty() || !scope.excludeTags().isEmpty();
    }

    /** Scope by OU and account id only, what can be decided before any tag is read. */
    public boolean includesIgnoringTags(Account account) {
        return (scope.organizationalUnits().isEmpty() || scope.organizationalUnits().stream().anyMatch(account::isUnder))
                && (scope.includeAccounts().isEmpty() || scope.includeAccounts().contains(account.id()))
                && !scope.excludeAccounts().contains(account.id());
    }

    /**
     * In scope when under one of the OUs, among the included accounts, not excluded, carrying at least one of the
     * {@code include-tags} (when any are given) and none of the {@code exclude-tags}. An exclusion always wins.
     */
    public boolean includes(Account account) {
        return includesIgnoringTags(account)
                && (scope.includeTags().isEmpty() || scope.includeTags().stream().map(TagFilter::parse).anyMatch(f -> f.matches(account.tags())))
                && scope.excludeTags().stream().map(TagFilter::parse).noneMatch(f -> f.matches(account.tags()));
    }
}
