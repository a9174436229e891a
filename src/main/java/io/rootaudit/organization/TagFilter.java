package io.rootaudit.organization;

import java.util.Map;

/**
 * One entry of {@code rootaudit.scope.include-tags} or {@code exclude-tags}: {@code key=value} matches an account
 * whose tag {@code key} has exactly that value, a bare {@code key} matches any value of that tag. The text is split at
 * the first {@code =}, so a tag key that itself contains {@code =} cannot be used in a scope. Keys and values are
 * compared exactly, as Organizations stores them (case-sensitive).
 *
 * @param value {@code null} when any value matches
 */
public record TagFilter(String key, String value) {

    public static TagFilter parse(String text) {
        int eq = text.indexOf('=');
        return eq < 0 ? new TagFilter(text, null) : new TagFilter(text.substring(0, eq), text.substring(eq + 1));
    }

    public boolean matches(Map<String, String> tags) {
        String actual = tags.get(key);
        return actual != null && (value == null || value.equals(actual));
    }

    @Override
    public String toString() {
        return value == null ? key : key + "=" + value;
    }
}
