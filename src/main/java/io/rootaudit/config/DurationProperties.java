package io.rootaudit.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;

/**
 * Every duration property needs an explicit unit ({@code 24h}, {@code 900s}, {@code PT24H}). Spring Boot reads a
 * bare number as milliseconds: {@code grace-period=24} became 24 ms, and the dry-run plan then scheduled a root
 * password recovered an hour earlier for deletion. The raw values are checked before anything is bound, from
 * YAML, environment variables and arguments alike.
 */
public final class DurationProperties {

    private DurationProperties() {}

    /** One problem per duration property whose value is a number without a unit. */
    public static List<String> problems(Binder binder) {
        List<String> problems = new ArrayList<>();
        for (PropertyNames.Leaf leaf : PropertyNames.leaves().values()) {
            if (leaf.type() != Duration.class) {
                continue;
            }
            binder.bind(leaf.name(), Bindable.of(String.class)).ifBound(value -> {
                String v = value.strip();
                if (v.matches("[+-]?\\d+(\\.\\d+)?")) {
                    problems.add(leaf.name() + ": '" + v + "' has no unit; write a duration with one, for example "
                            + v + "s, " + v + "m, " + v + "h or PT" + v + "H");
                }
            });
        }
        return problems;
    }
}
