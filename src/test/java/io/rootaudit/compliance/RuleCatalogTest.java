package io.rootaudit.compliance;

import io.rootaudit.compliance.rules.BuiltInRules;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.rootaudit.audit.RootCredentialInventory;
import io.rootaudit.compliance.rules.Inventories;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;

class RuleCatalogTest {

    private static final String RULES_PACKAGE = "io.rootaudit.compliance.rules";

    private final RuleCatalog catalog = BuiltInRules.catalog();

    @Test
    void defaultsContainEveryRuleClassOfTheRulesPackage() {
        Set<String> defaults = Stream.concat(catalog.accountRules().stream(), catalog.organizationRules().stream())
                .map(rule -> rule.getClass().getName())
                .collect(Collectors.toSet());

        assertThat(defaults).isEqualTo(ruleClassesIn(RULES_PACKAGE)).hasSize(10);
    }

    @Test
    void everyRuleClassIsASpringComponent() {
        var components = new ClassPathScanningCandidateComponentProvider(true);
        Set<String> componentClasses = components.findCandidateComponents(RULES_PACKAGE).stream()
                .map(BeanDefinition::getBeanClassName)
                .collect(Collectors.toSet());

        assertThat(componentClasses).isEqualTo(ruleClassesIn(RULES_PACKAGE));
    }

    @Test
    void springWiresTheSameCatalogAsDefaults() {
        try (var context = new AnnotationConfigApplicationContext()) {
            context.register(RuleCatalog.class);
            context.scan(RULES_PACKAGE);
            context.refresh();
            RuleCatalog wired = context.getBean(RuleCatalog.class);
            assertThat(wired.all()).isEqualTo(catalog.all());
            assertThat(wired.accountRules()).extracting(rule -> rule.metadata().id())
                    .containsExactlyElementsOf(catalog.accountRules().stream().map(rule -> rule.metadata().id()).toList());
        }
    }

    @Test
    void credentialLessRootYieldsNoFindingFromAnyRule() {
        assertThat(catalog.evaluate(Inventories.credentialLess(), Inventories.CONTEXT)).isEmpty();
    }

    @Test
    void everythingEvaluatesInSeverityThenIdOrder() {
        List<Finding> findings = catalog.evaluate(Inventories.everything(), Inventories.CONTEXT);

        assertThat(findings).extracting(Finding::ruleId).containsExactly(
                "root-access-key-active",
                "root-credentials-recently-used",
                "root-mfa-virtual-only",
                "root-password-present",
                "root-access-key-inactive",
                "root-signing-certificate-present",
                "root-signing-certificate-present");
        assertThat(catalog.evaluate(Inventories.everything(), Inventories.CONTEXT)).isEqualTo(findings);
    }

    @Test
    void allIsSortedBySeverityThenId() {
        assertThat(catalog.all()).extracting(RuleMetadata::id).containsExactly(
                "root-access-key-active",
                "root-password-without-mfa",
                "org-root-credentials-management-disabled",
                "root-credentials-recently-used",
                "root-mfa-virtual-only",
                "root-password-present",
                "org-root-sessions-disabled",
                "root-access-key-inactive",
                "root-signing-certificate-present",
                "root-mfa-without-password");
    }

    @Test
    void findsRulesById() {
        assertThat(catalog.find("root-mfa-virtual-only")).map(RuleMetadata::severity).contains(Severity.HIGH);
        assertThat(catalog.find("org-root-sessions-disabled")).isPresent();
        assertThat(catalog.find("no-such-rule")).isEmpty();
        assertThat(catalog.ruleIds()).hasSize(10);
    }

    @Test
    void evaluatesTheOrganization() {
        assertThat(catalog.evaluate(new OrganizationPosture(false, false))).extracting(Finding::ruleId)
                .containsExactly("org-root-credentials-management-disabled", "org-root-sessions-disabled");
        assertThat(catalog.evaluate(new OrganizationPosture(true, true))).isEmpty();
    }

    @Test
    void rejectsDuplicateIds() {
        List<AccountRule> rules = new ArrayList<>(catalog.accountRules());
        rules.add(fixedRule(catalog.accountRules().get(0).metadata(), List.of()));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RuleCatalog(rules, catalog.organizationRules()))
                .withMessageContaining("Duplicate rule id: root-access-key-active");
    }

    @Test
    void metadataRejectsBlankFieldsAndNonKebabIds() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RuleMetadata("Root_Key", "t", Severity.LOW, "r", "f"))
                .withMessageContaining("kebab-case");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RuleMetadata("some-rule", "t", Severity.LOW, " ", "f"))
                .withMessageContaining("rationale");
    }

    @Test
    void rejectsAFindingThatDoesNotMatchItsRule() {
        RuleMetadata metadata = new RuleMetadata("lying-rule", "t", Severity.LOW, "r", "f");
        AccountRule lying = fixedRule(metadata, List.of(new Finding("other-rule", Severity.LOW, "d", null)));
        RuleCatalog lyingCatalog = new RuleCatalog(List.of(lying), List.of());

        assertThatIllegalStateException()
                .isThrownBy(() -> lyingCatalog.evaluate(Inventories.credentialLess(), Inventories.CONTEXT));
    }

    private static AccountRule fixedRule(RuleMetadata metadata, List<Finding> findings) {
        return new AccountRule() {
            @Override
            public RuleMetadata metadata() {
                return metadata;
            }

            @Override
            public List<Finding> evaluate(RootCredentialInventory inventory, RuleContext context) {
                return findings;
            }
        };
    }

    private static Set<String> ruleClassesIn(String basePackage) {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AssignableTypeFilter(AccountRule.class));
        scanner.addIncludeFilter(new AssignableTypeFilter(OrganizationRule.class));
        return scanner.findCandidateComponents(basePackage).stream()
                .map(BeanDefinition::getBeanClassName)
                .collect(Collectors.toSet());
    }
}
