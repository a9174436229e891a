package io.rootaudit.export;

import io.rootaudit.compliance.AccountKind;
import io.rootaudit.compliance.ControlMappings;
import io.rootaudit.compliance.RuleCatalog;
import io.rootaudit.compliance.RuleMetadata;
import java.util.List;
import java.util.Set;

/**
 * The rules a run evaluated, with the controls of the reported frameworks each gives evidence for: an export says
 * PASSED for every rule without a finding, so it needs the rules, not only the findings.
 */
record RuleBook(List<Rule> accountRules, List<Rule> organizationRules) {

    /** @param controls labels such as "CIS v7.0 2.4" or "Security Hub IAM.4" */
    record Rule(RuleMetadata metadata, List<String> controls, Set<AccountKind> kinds) {
        String id() {
            return metadata.id();
        }
    }

    static RuleBook of(RuleCatalog catalog, ControlMappings mappings) {
        return new RuleBook(
                catalog.accountRules().stream().map(r -> rule(r.metadata(), mappings, r.accountKinds())).toList(),
                catalog.organizationRules().stream().map(r -> rule(r.metadata(), mappings, Set.of())).toList());
    }

    private static Rule rule(RuleMetadata metadata, ControlMappings mappings, Set<AccountKind> kinds) {
        return new Rule(metadata, mappings.labelsOf(metadata.id()), Set.copyOf(kinds));
    }

    List<Rule> accountRules(AccountKind kind) {
        return accountRules.stream().filter(r -> r.kinds().contains(kind)).toList();
    }

}
