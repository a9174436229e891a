package io.rootaudit.notify;

import java.util.Iterator;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Enough of EventBridge's event-pattern matching for the documented patterns: exact values, {@code exists},
 * {@code prefix} and {@code numeric}. Anything else fails the test, so the patterns stay within what is checked.
 */
final class EventPatterns {

    private EventPatterns() {}

    static boolean matches(JsonNode pattern, JsonNode event) {
        for (Iterator<Map.Entry<String, JsonNode>> it = pattern.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = event.get(field.getKey());
            JsonNode rule = field.getValue();
            boolean ok = rule.isObject() ? value != null && value.isObject() && matches(rule, value) : anyOf(rule, value);
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean anyOf(JsonNode alternatives, JsonNode value) {
        if (!alternatives.isArray()) {
            throw new AssertionError("a pattern's leaf must be an array: " + alternatives);
        }
        for (JsonNode alternative : alternatives) {
            if (value != null && value.isArray()) {
                for (JsonNode element : value) {
                    if (one(alternative, element)) {
                        return true;
                    }
                }
            } else if (one(alternative, value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean one(JsonNode alternative, JsonNode value) {
        if (!alternative.isObject()) {
            return value != null && value.equals(alternative);
        }
        Map.Entry<String, JsonNode> filter = alternative.properties().iterator().next();
        return switch (filter.getKey()) {
            case "exists" -> (value != null) == filter.getValue().asBoolean();
            case "prefix" -> value != null && value.isString() && value.asString().startsWith(filter.getValue().asString());
            case "numeric" -> value != null && value.isNumber() && numeric(filter.getValue(), value.asDouble());
            default -> throw new AssertionError("filter not understood by this test: " + alternative);
        };
    }

    private static boolean numeric(JsonNode conditions, double v) {
        for (int i = 0; i < conditions.size(); i += 2) {
            double n = conditions.get(i + 1).asDouble();
            boolean ok = switch (conditions.get(i).asString()) {
                case "=" -> v == n;
                case ">" -> v > n;
                case ">=" -> v >= n;
                case "<" -> v < n;
                case "<=" -> v <= n;
                default -> throw new AssertionError("numeric operator not understood: " + conditions);
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
