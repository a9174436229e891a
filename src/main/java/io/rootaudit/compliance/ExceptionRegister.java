package io.rootaudit.compliance;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The accepted deviations of a run, read from a reviewed YAML file rather than a database, so that
 * every exception has a change history and an approver. Expired entries stay in the register so that
 * reports can list them instead of silently dropping them.
 */
public final class ExceptionRegister {

    private static final ExceptionRegister EMPTY = new ExceptionRegister(List.of());

    private final List<ExceptionEntry> entries;

    ExceptionRegister(List<ExceptionEntry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * Reads and validates an exceptions file.
     *
     * @param knownRuleIds ids of the catalog's rules; an entry naming any other id is rejected
     * @throws InvalidExceptionsFileException listing every problem found
     */
    public static ExceptionRegister load(Path file, Set<String> knownRuleIds) {
        return new ExceptionRegister(new ExceptionsFileReader(file, knownRuleIds).read());
    }

    public static ExceptionRegister empty() {
        return EMPTY;
    }

    /** The first entry, in file order, that covers the account and rule and has not expired on {@code today}. */
    public Optional<ExceptionEntry> coverFor(String accountId, String ruleId, LocalDate today) {
        return entries.stream()
                .filter(entry -> entry.covers(accountId, ruleId) && entry.appliesOn(today))
                .findFirst();
    }

    /** Every entry, in file order. */
    public List<ExceptionEntry> entries() {
        return entries;
    }

    /** Entries whose expiry day is before {@code today}: they no longer apply and must be renewed or removed. */
    public List<ExceptionEntry> expired(LocalDate today) {
        return entries.stream().filter(entry -> !entry.appliesOn(today)).toList();
    }
}
