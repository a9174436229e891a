package io.rootaudit.compliance.rules;

import io.rootaudit.compliance.AccountRule;
import io.rootaudit.compliance.Control;
import io.rootaudit.compliance.ControlMappings;
import io.rootaudit.compliance.OrganizationRule;
import io.rootaudit.compliance.RuleCatalog;
import java.lang.reflect.Constructor;
import java.util.Comparator;
import java.util.List;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Every rule of the rules package, found by scanning it as Spring does, so that tests without Spring get the same
 * catalog as the application.
 */
public final class BuiltInRules {

    private BuiltInRules() {}

    /** The catalog the application builds from its rule beans. */
    public static RuleCatalog catalog() {
        return new RuleCatalog(accountRules(), organizationRules());
    }

    /** The application's framework mappings, every framework, checked against these rules. */
    public static ControlMappings controls() {
        return ControlMappings.load(ControlMappings.LOCATION, catalog().ruleIds());
    }

    /** Labels of the controls a rule maps to in every framework, such as "CIS v7.0 2.4", in report order. */
    public static List<String> controlLabels(String ruleId) {
        return controls().controlsOf(ruleId).stream().map(Control::label).toList();
    }

    public static List<AccountRule> accountRules() {
        return instances(AccountRule.class);
    }

    public static List<OrganizationRule> organizationRules() {
        return instances(OrganizationRule.class);
    }

    private static <T> List<T> instances(Class<T> type) {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AssignableTypeFilter(type));
        return scanner.findCandidateComponents(BuiltInRules.class.getPackageName()).stream()
                .map(BeanDefinition::getBeanClassName)
                .sorted(Comparator.naturalOrder())
                .map(name -> instantiate(type, name))
                .toList();
    }

    private static <T> T instantiate(Class<T> type, String className) {
        try {
            Class<?> cls = ClassUtils.forName(className, BuiltInRules.class.getClassLoader());
            Constructor<?> constructor = cls.getDeclaredConstructor();
            constructor.setAccessible(true);
            return type.cast(constructor.newInstance());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Rule " + className + " needs a no-argument constructor", e);
        }
    }
}
