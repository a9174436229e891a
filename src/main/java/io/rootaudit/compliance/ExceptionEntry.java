package io.rootaudit.compliance;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Set;

/**
 * An approved, time-boxed acceptance of a deviation. Every field is mandatory except the rule list,
 * because an auditor accepts an exception only when it says who approved what, why, under which
 * ticket, and until when.
 *
 * @param account the 12-digit member account id
 * @param rules rule ids covered; empty means every rule
 * @param reason why the deviation is accepted
 * @param approver who accepted it
 * @param ticket the change or risk ticket that records the approval
 * @param expires last day (inclusive) on which the exception applies
 */
public record ExceptionEntry(String account, Set<String> rules, String reason, String approver,
                             String ticket, LocalDate expires) {

    public ExceptionEntry {
        Objects.requireNonNull(account, "account");
        rules = Set.copyOf(Objects.requireNonNull(rules, "rules"));
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(approver, "approver");
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(expires, "expires");
    }

    /** What a report cites for an excepted finding: the ticket. */
    public String reference() {
        return ticket;
    }

    public boolean coversAllRules() {
        return rules.isEmpty();
    }

    public boolean covers(String accountId, String ruleId) {
        return account.equals(accountId) && (coversAllRules() || rules.contains(ruleId));
    }

    /** True up to and including the expiry day. */
    public boolean appliesOn(LocalDate day) {
        return !day.isAfter(expires);
    }
}
