package io.rootaudit.organization;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootaudit.config.RootAuditProperties;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scope predicate shared by the snapshot, remediation and delete-root-credentials, with tags. */
class AccountScopeTest {

    private static Account account(String id, Map<String, String> tags) {
        return new Account(id, "n", "e@example.com", "ou-ab12-11111111", "Root/A", "r-ab12/ou-ab12-11111111", "ACTIVE",
                null, tags);
    }

    private static AccountScope scope(List<String> includeTags, List<String> excludeTags) {
        return new AccountScope(new RootAuditProperties.Scope(List.of(), List.of(), List.of(), includeTags, excludeTags, false));
    }

    @Test
    void aKeyValueFilterMatchesThatValueOnlyAndABareKeyAnyValue() {
        assertThat(TagFilter.parse("env=prod").matches(Map.of("env", "prod"))).isTrue();
        assertThat(TagFilter.parse("env=prod").matches(Map.of("env", "Prod"))).as("case-sensitive").isFalse();
        assertThat(TagFilter.parse("env=prod").matches(Map.of("environment", "prod"))).isFalse();
        assertThat(TagFilter.parse("sandbox").matches(Map.of("sandbox", ""))).isTrue();
        assertThat(TagFilter.parse("env=").matches(Map.of("env", ""))).as("an empty value is a value").isTrue();
        assertThat(TagFilter.parse("env=").matches(Map.of("env", "x"))).isFalse();
        // split at the first '=': the value may contain '='
        assertThat(TagFilter.parse("query=a=b")).isEqualTo(new TagFilter("query", "a=b"));
    }

    @Test
    void includeTagsKeepAccountsWithAnyOfThemAndAnExclusionAlwaysWins() {
        AccountScope s = scope(List.of("env=prod", "critical"), List.of("rootaudit:skip=true"));
        assertThat(s.usesTags()).isTrue();
        assertThat(s.includes(account("111111111111", Map.of("env", "prod")))).isTrue();
        assertThat(s.includes(account("111111111112", Map.of("critical", "yes")))).isTrue();
        assertThat(s.includes(account("111111111113", Map.of("env", "dev")))).isFalse();
        assertThat(s.includes(account("111111111114", Map.of()))).isFalse();
        assertThat(s.includes(account("111111111115", Map.of("env", "prod", "rootaudit:skip", "true")))).isFalse();
        assertThat(s.includes(account("111111111116", Map.of("env", "prod", "rootaudit:skip", "false")))).isTrue();
        // before the tags are read, only OU and id filters can be applied
        assertThat(s.includesIgnoringTags(account("111111111114", Map.of()))).isTrue();
    }

    @Test
    void withoutTagFiltersNoTagIsNeeded() {
        AccountScope s = scope(List.of(), List.of());
        assertThat(s.usesTags()).isFalse();
        assertThat(s.includes(account("111111111111", Map.of()))).isTrue();
    }

    @Test
    void theOwnerIsTheFirstOwnerTagWithAValueOrNoOwner() {
        AccountOwner owners = new AccountOwner(List.of("owner", "team"));
        assertThat(owners.of(Map.of("owner", "payments", "team", "core"))).isEqualTo("payments");
        assertThat(owners.of(Map.of("owner", "  ", "team", "core"))).as("a blank tag names nobody").isEqualTo("core");
        assertThat(owners.of(Map.of("cost-center", "42"))).isEqualTo(AccountOwner.NONE);
        assertThat(owners.of(Map.of())).isEqualTo("no owner");
        assertThat(new AccountOwner(List.of()).of(Map.of("owner", "payments"))).as("routing off").isNull();
    }
}
