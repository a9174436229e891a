package io.rootaudit.compliance;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The headline numbers of a run, computed in one place so that every report shows the same figures.
 * Accounts in ERROR lower the compliance rate instead of vanishing from it, and are never counted as
 * passing a rule or control. NOT_APPLICABLE and SKIPPED accounts are counted by status only.
 * Organization-level findings are not part of these tallies: they concern the organization, not an
 * account, and are reported on their own.
 *
 * @param accountsByStatus number of accounts per status; every status present, zeros included
 * @param openFindingsBySeverity findings not covered by an exception, in audited accounts, per
 *     severity; every severity present
 * @param byRule one tally per account rule, in catalog order
 * @param byControl one tally per control mapped by an account rule, in the order of {@link ControlMappings#mappings()}
 *     (framework by framework, in the order of each framework's file); a control fails for an account when any
 *     account rule mapped to it has an unexcepted finding there
 */
public record ComplianceSummary(Map<AccountStatus, Integer> accountsByStatus,
                                Map<Severity, Integer> openFindingsBySeverity,
                                Map<String, Tally> byRule,
                                Map<Control, Tally> byControl) {

    public ComplianceSummary {
        accountsByStatus = Collections.unmodifiableMap(withZeros(AccountStatus.class, accountsByStatus));
        openFindingsBySeverity = Collections.unmodifiableMap(withZeros(Severity.class, openFindingsBySeverity));
        byRule = Collections.unmodifiableMap(new LinkedHashMap<>(byRule));
        byControl = Collections.unmodifiableMap(new LinkedHashMap<>(byControl));
    }

    /**
     * @param controls the frameworks reported and the rules mapped to their controls
     * @throws IllegalArgumentException when a finding names a rule that is not an account rule of the catalog
     */
    public static ComplianceSummary of(List<AccountOutcome> outcomes, RuleCatalog catalog, ControlMappings controls) {
        requireKnownRules(outcomes, catalog);
        return new ComplianceSummary(countByStatus(outcomes), countOpenFindings(outcomes),
                tallyRules(outcomes, catalog), tallyControls(outcomes, catalog, controls));
    }

    /**
     * (COMPLIANT + EXCEPTED) / (COMPLIANT + NON_COMPLIANT + EXCEPTED + ERROR), between 0 and 1; empty
     * when that denominator is 0 (no account was in scope for assessment), because no rate, not 100%,
     * is the honest answer then.
     */
    public OptionalDouble complianceRate() {
        return rate(accountsByStatus);
    }

    /** The compliance rate of {@link #complianceRate()} from counts per status (missing statuses count 0). */
    public static OptionalDouble rate(Map<AccountStatus, ? extends Number> counts) {
        long good = 0;
        long assessed = 0;
        for (AccountStatus status : AccountStatus.values()) {
            long n = counts.get(status) == null ? 0 : counts.get(status).longValue();
            if (status == AccountStatus.COMPLIANT || status == AccountStatus.EXCEPTED) {
                good += n;
            }
            if (status.isAssessed()) {
                assessed += n;
            }
        }
        return assessed == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) good / assessed);
    }

    public int count(AccountStatus status) {
        return accountsByStatus.get(status);
    }

    private static <E extends Enum<E>> EnumMap<E, Integer> withZeros(Class<E> type, Map<E, Integer> counts) {
        EnumMap<E, Integer> all = new EnumMap<>(type);
        for (E constant : type.getEnumConstants()) {
            all.put(constant, counts.getOrDefault(constant, 0));
        }
        return all;
    }

    private static Map<AccountStatus, Integer> countByStatus(List<AccountOutcome> outcomes) {
        Map<AccountStatus, Integer> counts = new EnumMap<>(AccountStatus.class);
        outcomes.forEach(outcome -> counts.merge(outcome.status(), 1, Integer::sum));
        return counts;
    }

    private static Map<Severity, Integer> countOpenFindings(List<AccountOutcome> outcomes) {
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        outcomes.stream()
                .filter(AccountOutcome::audited)
                .flatMap(outcome -> outcome.findings().stream())
                .filter(finding -> !finding.excepted())
                .forEach(finding -> counts.merge(finding.finding().severity(), 1, Integer::sum));
        return counts;
    }

    private static Map<String, Tally> tallyRules(List<AccountOutcome> outcomes, RuleCatalog catalog) {
        Map<String, Tally> tallies = new LinkedHashMap<>();
        for (AccountRule rule : catalog.accountRules()) {
            String id = rule.metadata().id();
            tallies.put(id, TallyCounter.tally(outcomes, Set.of(id), catalog::applies));
        }
        return tallies;
    }

    /** Organization rules are left out: they concern the organization, not an account. */
    private static Map<Control, Tally> tallyControls(List<AccountOutcome> outcomes, RuleCatalog catalog,
                                                     ControlMappings controls) {
        Set<String> accountRuleIds = accountRuleIds(catalog);
        Map<Control, Tally> tallies = new LinkedHashMap<>();
        for (ControlMappings.ControlMapping mapping : controls.mappings()) {
            Set<String> ruleIds = mapping.ruleIds().stream().filter(accountRuleIds::contains).collect(Collectors.toSet());
            if (!ruleIds.isEmpty()) {
                tallies.put(mapping.control(), TallyCounter.tally(outcomes, ruleIds, catalog::applies));
            }
        }
        return tallies;
    }

    private static Set<String> accountRuleIds(RuleCatalog catalog) {
        return catalog.accountRules().stream().map(rule -> rule.metadata().id()).collect(Collectors.toSet());
    }

    private static void requireKnownRules(List<AccountOutcome> outcomes, RuleCatalog catalog) {
        Set<String> accountRuleIds = accountRuleIds(catalog);
        outcomes.stream()
                .flatMap(outcome -> outcome.findings().stream())
                .map(finding -> finding.finding().ruleId())
                .filter(ruleId -> !accountRuleIds.contains(ruleId))
                .findFirst()
                .ifPresent(ruleId -> {
                    throw new IllegalArgumentException("Finding of unknown or non-account rule: " + ruleId);
                });
    }
}
