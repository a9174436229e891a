package io.rootaudit.config;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.bind.Name;

/**
 * The names of rootaudit's properties, derived from {@link RootAuditProperties} itself so that checks on names
 * (environment variables) and on raw values (durations) can never drift from what is bound.
 */
public final class PropertyNames {

    /** A leaf property: its type, and whether it is a list of that type. */
    public record Leaf(String name, Class<?> type, boolean list) {}

    private PropertyNames() {}

    /** Every leaf property under {@code rootaudit.}, by name. */
    public static Map<String, Leaf> leaves() {
        Map<String, Leaf> leaves = new TreeMap<>();
        collect(RootAuditProperties.class, "rootaudit", leaves);
        return leaves;
    }

    private static void collect(Class<?> type, String prefix, Map<String, Leaf> leaves) {
        RecordComponent[] components = type.getRecordComponents();
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            String name = prefix + "." + boundName(type, components, i);
            if (component.getType().isRecord()) {
                collect(component.getType(), name, leaves);
            } else {
                boolean list = component.getGenericType() instanceof ParameterizedType p && p.getRawType() == java.util.List.class;
                leaves.put(name, new Leaf(name, component.getType(), list));
            }
        }
    }

    /** The component's property segment: its {@link Name} when it has one (a name Java reserves, such as {@code notify}). */
    private static String boundName(Class<?> type, RecordComponent[] components, int index) {
        Class<?>[] types = java.util.Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        try {
            Name name = type.getDeclaredConstructor(types).getParameters()[index].getAnnotation(Name.class);
            return name != null ? name.value() : kebab(components[index].getName());
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("a record without its canonical constructor: " + type, e);
        }
    }

    /** {@code sessionDuration} as a property segment: {@code session-duration}. */
    public static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** Spring Boot's environment-variable form of a property: {@code ROOTAUDIT_AUDIT_SESSIONDURATION}. */
    static String variable(String property) {
        return property.replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT);
    }
}
