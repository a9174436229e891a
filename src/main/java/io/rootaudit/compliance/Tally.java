package io.rootaudit.compliance;

/**
 * How many accounts passed, failed, were excepted from, or could not be assessed against one rule or
 * control. Accounts that could not be audited are counted apart, never as passed.
 *
 * @param failed audited accounts with at least one finding not covered by an exception
 * @param excepted audited accounts whose findings are all covered by exceptions
 * @param passed audited accounts without any finding
 * @param notAssessed accounts in ERROR
 */
public record Tally(int failed, int excepted, int passed, int notAssessed) {}
