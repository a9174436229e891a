package io.rootaudit.compliance;

import io.rootaudit.audit.RootCredentialInventory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * The single list of rules a run applies. Rules arrive as beans, so adding a rule means adding one
 * class; the catalog fixes their order, so that two runs over the same evidence report the same
 * findings in the same order, and rejects duplicate ids, which exception files and stored results
 * depend on.
 */
@Component
public class RuleCatalog {

    private static final Comparator<RuleMetadata> BY_SEVERITY_THEN_ID =
            Comparator.comparing(RuleMetadata::severity).thenComparing(RuleMetadata::id);

    private final List<AccountRule> accountRules;
    private final List<OrganizationRule> organizationRules;
    private final Map<String, RuleMetadata> metadataById;

    public RuleCatalog(List<AccountRule> accountRules, List<OrganizationRule> organizationRules) {
        this.accountRules = sorted(accountRules, AccountRule::metadata);
        this.organizationRules = sorted(organizationRules, OrganizationRule::metadata);
        this.metadataById = indexById(this.accountRules, this.organizationRules);
    }

    public List<AccountRule> accountRules() {
        return accountRules;
    }

    public List<OrganizationRule> organizationRules() {
        return organizationRules;
    }

    public Optional<RuleMetadata> find(String ruleId) {
        return Optional.ofNullable(metadataById.get(ruleId));
    }

    /** Metadata of every rule, account and organization, sorted by severity then id. */
    public List<RuleMetadata> all() {
        return metadataById.values().stream().sorted(BY_SEVERITY_THEN_ID).toList();
    }

    /** True when {@code ruleId} is an account rule that applies to accounts of {@code kind}. */
    public boolean applies(String ruleId, AccountKind kind) {
        return accountRules.stream().anyMatch(r -> r.metadata().id().equals(ruleId) && r.accountKinds().contains(kind));
    }

    /** Ids of every rule, for validating exception files. */
    public Set<String> ruleIds() {
        return metadataById.keySet();
    }

    /** Findings of every account rule, for a member account's root. */
    public List<Finding> evaluate(RootCredentialInventory inventory, RuleContext context) {
        return evaluate(inventory, context, AccountKind.MEMBER);
    }

    /**
     * Findings of every account rule that applies to {@code kind}, in catalog order, then in the order each rule
     * reports them.
     */
    public List<Finding> evaluate(RootCredentialInventory inventory, RuleContext context, AccountKind kind) {
        List<Finding> findings = new ArrayList<>();
        for (AccountRule rule : accountRules) {
            if (rule.accountKinds().contains(kind)) {
                findings.addAll(checked(rule.metadata(), rule.evaluate(inventory, context)));
            }
        }
        return List.copyOf(findings);
    }

    /** Findings of every organization rule, in catalog order. */
    public List<Finding> evaluate(OrganizationPosture posture) {
        List<Finding> findings = new ArrayList<>();
        for (OrganizationRule rule : organizationRules) {
            findings.addAll(checked(rule.metadata(), rule.evaluate(posture)));
        }
        return List.copyOf(findings);
    }

    private static <R> List<R> sorted(List<R> rules, Function<R, RuleMetadata> metadata) {
        for (R rule : rules) {
            if (metadata.apply(rule) == null) {
                throw new IllegalArgumentException("Rule " + rule.getClass().getName() + " has no metadata");
            }
        }
        return rules.stream().sorted(Comparator.comparing(metadata, BY_SEVERITY_THEN_ID)).toList();
    }

    private static Map<String, RuleMetadata> indexById(List<AccountRule> accountRules,
                                                       List<OrganizationRule> organizationRules) {
        List<RuleMetadata> metadata = new ArrayList<>();
        accountRules.forEach(rule -> metadata.add(rule.metadata()));
        organizationRules.forEach(rule -> metadata.add(rule.metadata()));
        Map<String, RuleMetadata> byId = new LinkedHashMap<>();
        for (RuleMetadata rule : metadata) {
            if (byId.putIfAbsent(rule.id(), rule) != null) {
                throw new IllegalArgumentException("Duplicate rule id: " + rule.id());
            }
        }
        return Map.copyOf(byId);
    }

    private static List<Finding> checked(RuleMetadata rule, List<Finding> findings) {
        for (Finding finding : findings) {
            if (!finding.ruleId().equals(rule.id()) || finding.severity() != rule.severity()) {
                throw new IllegalStateException("Rule " + rule.id() + " produced a finding of "
                        + finding.ruleId() + "/" + finding.severity());
            }
        }
        return findings;
    }
}
