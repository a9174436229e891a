package io.rootaudit.organization;

import java.time.Instant;
import java.util.Map;

/**
 * A member account as Organizations describes it. Name, email and tags are untrusted text from AWS:
 * every writer escapes or neutralizes them.
 *
 * @param ouId id of the direct parent (root or OU)
 * @param ouPath names from the root down, for example {@code Root/Workloads/Prod}
 * @param ouIdPath ids from the root down, for example {@code r-ab12/ou-ab12-11111111/ou-ab12-22222222}, so scopes
 *     given as OU ids can be matched recursively
 * @param state {@code Account.State}, or {@code Account.Status} when AWS did not send a State
 */
public record Account(String id, String name, String email, String ouId, String ouPath, String ouIdPath, String state,
                      Instant joinedAt, Map<String, String> tags) {

    public Account {
        tags = tags == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(tags));
    }

    /** The same account with the tags Organizations returned for it. */
    public Account withTags(Map<String, String> accountTags) {
        return new Account(id, name, email, ouId, ouPath, ouIdPath, state, joinedAt, accountTags);
    }

    public boolean isActive() {
        return "ACTIVE".equals(state);
    }

    /** True when the account sits in {@code ouOrRootId} or anywhere below it. */
    public boolean isUnder(String ouOrRootId) {
        return ouIdPath != null && java.util.Arrays.asList(ouIdPath.split("/")).contains(ouOrRootId);
    }
}
