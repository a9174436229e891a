package io.rootaudit.compliance.rules;

import static io.rootaudit.compliance.rules.Inventories.ACCOUNT_CREATED;
import static io.rootaudit.compliance.rules.Inventories.NOW;
import static io.rootaudit.compliance.rules.Inventories.ROOT_ARN;
import static io.rootaudit.compliance.rules.Inventories.keyLastUsed;
import static io.rootaudit.compliance.rules.Inventories.keys;
import static org.assertj.core.api.Assertions.assertThat;

import io.rootaudit.audit.RootCredentialInventory;
import io.rootaudit.audit.RootCredentialInventory.AccessKey;
import io.rootaudit.audit.RootCredentialInventory.CredentialStatus;
import io.rootaudit.audit.RootCredentialInventory.Password;
import io.rootaudit.compliance.Finding;
import io.rootaudit.compliance.RuleContext;
import io.rootaudit.compliance.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecentUseRuleTest {

    private static final Instant WINDOW_EDGE = NOW.minus(Duration.ofDays(90));

    private final RootCredentialsRecentlyUsed rule = new RootCredentialsRecentlyUsed();
    private final RuleContext context = RuleContext.at(NOW);

    @Test
    void useExactlyAtTheWindowEdgeIsRecent() {
        assertThat(rule.evaluate(keys(keyLastUsed("AKIAEDGE000000000001", WINDOW_EDGE)), context))
                .containsExactly(new Finding("root-credentials-recently-used", Severity.HIGH,
                        "Access key AKIAEDGE000000000001 (active) was last used 2026-08-03 (iam, us-east-1),"
                                + " within the last 90 days",
                        "AKIAEDGE000000000001"));
    }

    @Test
    void useOneSecondBeforeTheWindowIsNotRecent() {
        assertThat(rule.evaluate(keys(keyLastUsed("AKIAOLD0000000000001", WINDOW_EDGE.minusSeconds(1))), context))
                .isEmpty();
    }

    @Test
    void neverUsedKeyIsNotRecent() {
        assertThat(rule.evaluate(keys(keyLastUsed("AKIANEVER00000000001", null)), context)).isEmpty();
    }

    @Test
    void passwordAndEachKeyAreSeparateFindingsWhateverTheKeyStatus() {
        AccessKey deactivatedAfterUse = new AccessKey("AKIAINACTIVE00000001", CredentialStatus.INACTIVE,
                Instant.parse("2021-01-01T00:00:00Z"), NOW.minus(Duration.ofDays(3)), "ec2", "eu-west-1");
        Password password = new Password(ACCOUNT_CREATED, NOW.minus(Duration.ofDays(1)), false);
        RootCredentialInventory inventory = new RootCredentialInventory(ROOT_ARN, ACCOUNT_CREATED, password,
                List.of(Inventories.ACTIVE_KEY, deactivatedAfterUse), List.of(), List.of());

        assertThat(rule.evaluate(inventory, context))
                .extracting(Finding::resource)
                .containsExactly(null, "AKIAIOSFODNN7EXAMPLE", "AKIAINACTIVE00000001");
        assertThat(rule.evaluate(inventory, context).get(0).detail())
                .isEqualTo("Root password was last used 2026-10-31, within the last 90 days");
    }

    @Test
    void windowIsConfigurable() {
        AccessKey usedTenDaysAgo = keyLastUsed("AKIATEN0000000000001", NOW.minus(Duration.ofDays(10)));
        assertThat(rule.evaluate(keys(usedTenDaysAgo), new RuleContext(NOW, Duration.ofDays(7)))).isEmpty();
        assertThat(rule.evaluate(keys(usedTenDaysAgo), new RuleContext(NOW, Duration.ofDays(30)))).hasSize(1);
    }

    @Test
    void oldPasswordUseIsNotRecent() {
        assertThat(rule.evaluate(Inventories.passwordWith(), context)).isEmpty();
    }
}
