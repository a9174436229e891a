package io.rootaudit.compliance.rules;

import static io.rootaudit.compliance.rules.Inventories.ACTIVE_KEY;
import static io.rootaudit.compliance.rules.Inventories.CONTEXT;
import static io.rootaudit.compliance.rules.Inventories.INACTIVE_KEY;
import static io.rootaudit.compliance.rules.Inventories.keys;
import static org.assertj.core.api.Assertions.assertThat;

import io.rootaudit.compliance.Finding;
import io.rootaudit.compliance.Severity;
import org.junit.jupiter.api.Test;

class AccessKeyRulesTest {

    private final RootAccessKeyActive active = new RootAccessKeyActive();
    private final RootAccessKeyInactive inactive = new RootAccessKeyInactive();

    @Test
    void activeKeyIsCriticalAndNamesTheKeyAndItsLastUse() {
        assertThat(active.evaluate(keys(ACTIVE_KEY, INACTIVE_KEY), CONTEXT)).containsExactly(new Finding(
                "root-access-key-active", Severity.CRITICAL,
                "Access key AKIAIOSFODNN7EXAMPLE is active, created 2021-03-01, last used 2026-10-01 (s3, us-east-1)",
                "AKIAIOSFODNN7EXAMPLE"));
    }

    @Test
    void eachActiveKeyIsOneFinding() {
        var second = Inventories.keyLastUsed("AKIAJ2EXAMPLE0000002", null);
        assertThat(active.evaluate(keys(ACTIVE_KEY, second), CONTEXT))
                .extracting(Finding::resource)
                .containsExactly("AKIAIOSFODNN7EXAMPLE", "AKIAJ2EXAMPLE0000002");
    }

    @Test
    void inactiveKeyIsMediumAndNotReportedAsActive() {
        assertThat(inactive.evaluate(keys(ACTIVE_KEY, INACTIVE_KEY), CONTEXT)).containsExactly(new Finding(
                "root-access-key-inactive", Severity.MEDIUM,
                "Access key AKIAI44QH8DHBEXAMPLE is inactive, created 2020-07-14, never used",
                "AKIAI44QH8DHBEXAMPLE"));
        assertThat(active.evaluate(keys(INACTIVE_KEY), CONTEXT)).isEmpty();
    }

    @Test
    void noKeysNoFindings() {
        assertThat(active.evaluate(keys(), CONTEXT)).isEmpty();
        assertThat(inactive.evaluate(keys(), CONTEXT)).isEmpty();
    }

    @Test
    void bothMapToTheRootAccessKeyControls() {
        assertThat(BuiltInRules.controlLabels("root-access-key-active"))
                .contains("CIS v3.0 1.4", "CIS v5.0 1.3", "CIS v6.0 2.3", "CIS v7.0 2.4", "Security Hub IAM.4");
        assertThat(BuiltInRules.controlLabels("root-access-key-inactive"))
                .isEqualTo(BuiltInRules.controlLabels("root-access-key-active"));
    }
}
