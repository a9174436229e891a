package io.rootaudit.organization;

import java.util.List;
import java.util.Map;

/**
 * Who owns an account, from its tags ({@code rootaudit.report.owner-tag-keys}): the value of the first listed tag the
 * account has with a non-blank value, so {@code owner,team} prefers an {@code owner} tag and falls back to
 * {@code team}. An account with none of them belongs to {@link #NONE}, so the reports also list the accounts nobody
 * owns. The one home of this rule: every report, export and event asks it.
 *
 * @param tagKeys tag keys in order of preference; empty = owner routing is off
 */
public record AccountOwner(List<String> tagKeys) {

    /** The group of accounts without any owner tag. */
    public static final String NONE = "no owner";

    public AccountOwner {
        tagKeys = tagKeys == null ? List.of() : List.copyOf(tagKeys);
    }

    public boolean enabled() {
        return !tagKeys.isEmpty();
    }

    /** The account's owner, {@link #NONE} when it has no owner tag, {@code null} when owner routing is off. */
    public String of(Map<String, String> tags) {
        if (!enabled()) {
            return null;
        }
        for (String key : tagKeys) {
            String value = tags == null ? null : tags.get(key);
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return NONE;
    }
}
