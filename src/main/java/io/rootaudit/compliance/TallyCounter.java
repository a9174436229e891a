package io.rootaudit.compliance;

import java.util.List;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * Counts accounts against a set of rules: one rule for a rule tally, every rule mapped to a control for a control tally.
 * An account whose kind none of the rules applies to (the management account, for member-only rules) is not counted.
 */
final class TallyCounter {

    private TallyCounter() {}

    static Tally tally(List<AccountOutcome> outcomes, Set<String> ruleIds, BiPredicate<String, AccountKind> applies) {
        int failed = 0;
        int excepted = 0;
        int passed = 0;
        int notAssessed = 0;
        for (AccountOutcome outcome : outcomes) {
            if (ruleIds.stream().noneMatch(id -> applies.test(id, outcome.kind()))) {
                continue;
            }
            if (outcome.status() == AccountStatus.ERROR) {
                notAssessed++;
            } else if (outcome.audited()) {
                List<AssessedFinding> relevant = outcome.findings().stream()
                        .filter(finding -> ruleIds.contains(finding.finding().ruleId()))
                        .toList();
                if (relevant.stream().anyMatch(finding -> !finding.excepted())) {
                    failed++;
                } else if (!relevant.isEmpty()) {
                    excepted++;
                } else {
                    passed++;
                }
            }
        }
        return new Tally(failed, excepted, passed, notAssessed);
    }
}
