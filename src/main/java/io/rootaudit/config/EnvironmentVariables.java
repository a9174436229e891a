package io.rootaudit.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Refuses {@code ROOTAUDIT_*} environment variables that name no property. Spring Boot ignores an environment
 * variable it cannot bind, so {@code ROOTAUDIT_REMEDIATION_GRACEPERIOD} spelt without its last letters would
 * silently leave the default in force, while the same typo as an argument is refused. The known names are
 * derived from {@link RootAuditProperties} itself ({@link PropertyNames}), in Spring Boot's environment-variable form (upper case, dots
 * to {@code _}, dashes dropped, list indexes as {@code _0_}).
 */
public final class EnvironmentVariables {

    static final String PREFIX = "ROOTAUDIT_";

    /** Variables of rootaudit's own that are not properties (documented in the configuration reference). */
    static final Set<String> TOOL_VARIABLES = Set.of("ROOTAUDIT_TEST_POSTGRES_URL", "ROOTAUDIT_PYTHON",
            "ROOTAUDIT_IN_CONTAINER");

    private EnvironmentVariables() {}

    /** One problem per unknown {@code ROOTAUDIT_*} variable of {@code environment}, naming the nearest property. */
    public static List<String> problems(Map<String, String> environment) {
        Map<String, String> known = knownNames();
        List<String> problems = new ArrayList<>();
        new TreeMap<>(environment).keySet().stream()
                .filter(name -> name.toUpperCase(Locale.ROOT).startsWith(PREFIX))
                .filter(name -> !TOOL_VARIABLES.contains(name) && !isKnown(name.toUpperCase(Locale.ROOT), known))
                .forEach(name -> {
                    String nearest = nearest(name.toUpperCase(Locale.ROOT), known);
                    problems.add("environment variable " + name + " names no rootaudit property; did you mean "
                            + nearest + " (" + known.get(nearest) + ")?");
                });
        return problems;
    }

    private static boolean isKnown(String name, Map<String, String> known) {
        if (known.containsKey(name)) {
            return true;
        }
        // list elements: ROOTAUDIT_SCOPE_EXCLUDEACCOUNTS_0 or ..._0_
        String withoutIndex = name.replaceFirst("_\\d+_?$", "");
        return !withoutIndex.equals(name) && known.containsKey(withoutIndex) && known.get(withoutIndex).endsWith("[]");
    }

    /** Environment-variable name to property name ({@code []} marks a list) of every leaf property. */
    static Map<String, String> knownNames() {
        Map<String, String> names = new TreeMap<>();
        PropertyNames.leaves().values().forEach(leaf ->
                names.put(PropertyNames.variable(leaf.name()), leaf.name() + (leaf.list() ? "[]" : "")));
        return names;
    }

    private static String nearest(String name, Map<String, String> known) {
        return known.keySet().stream().min(Comparator.comparingInt((String k) -> distance(name, k))
                .thenComparing(Comparator.naturalOrder())).orElseThrow();
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
