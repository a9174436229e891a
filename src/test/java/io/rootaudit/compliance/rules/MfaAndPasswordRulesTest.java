package io.rootaudit.compliance.rules;

import static io.rootaudit.compliance.rules.Inventories.CONTEXT;
import static io.rootaudit.compliance.rules.Inventories.FIDO_KEY;
import static io.rootaudit.compliance.rules.Inventories.HARDWARE_TOKEN;
import static io.rootaudit.compliance.rules.Inventories.VIRTUAL_MFA;
import static io.rootaudit.compliance.rules.Inventories.mfaOnly;
import static io.rootaudit.compliance.rules.Inventories.passwordWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.rootaudit.compliance.Finding;
import io.rootaudit.compliance.Severity;
import org.junit.jupiter.api.Test;

class MfaAndPasswordRulesTest {

    private final RootPasswordWithoutMfa withoutMfa = new RootPasswordWithoutMfa();
    private final RootMfaVirtualOnly virtualOnly = new RootMfaVirtualOnly();
    private final RootPasswordPresent passwordPresent = new RootPasswordPresent();
    private final RootMfaWithoutPassword mfaWithoutPassword = new RootMfaWithoutPassword();

    @Test
    void passwordWithoutMfaIsCriticalAndOneFindingOnly() {
        assertThat(withoutMfa.evaluate(passwordWith(), CONTEXT)).containsExactly(new Finding(
                "root-password-without-mfa", Severity.CRITICAL,
                "Root has a console password (created 2019-05-20) and no MFA device", null));
        assertThat(virtualOnly.evaluate(passwordWith(), CONTEXT))
                .as("a missing MFA is not also reported as virtual-only")
                .isEmpty();
    }

    @Test
    void passwordWithoutMfaAlsoCountsAgainstTheHardwareMfaControls() {
        // as its rationale says: every hardware-MFA control of root-mfa-virtual-only, and the MFA controls
        assertThat(BuiltInRules.controlLabels("root-password-without-mfa"))
                .containsAll(BuiltInRules.controlLabels("root-mfa-virtual-only"))
                .contains("CIS v3.0 1.5", "CIS v5.0 1.4", "CIS v6.0 2.4", "CIS v7.0 2.5", "Security Hub IAM.9",
                        "CIS v3.0 1.6", "CIS v5.0 1.5", "CIS v6.0 2.5", "CIS v7.0 2.6", "Security Hub IAM.6");
    }

    @Test
    void anyMfaDeviceSatisfiesTheMfaRule() {
        assertThat(withoutMfa.evaluate(passwordWith(VIRTUAL_MFA), CONTEXT)).isEmpty();
        assertThat(withoutMfa.evaluate(passwordWith(HARDWARE_TOKEN), CONTEXT)).isEmpty();
    }

    @Test
    void virtualOnlyIsHigh() {
        assertThat(virtualOnly.evaluate(passwordWith(VIRTUAL_MFA), CONTEXT)).containsExactly(new Finding(
                "root-mfa-virtual-only", Severity.HIGH,
                "Root has a console password and only virtual MFA: arn:aws:iam::111122223333:mfa/root-account-mfa-device",
                null));
    }

    @Test
    void virtualPlusFidoPasses() {
        assertThat(virtualOnly.evaluate(passwordWith(VIRTUAL_MFA, FIDO_KEY), CONTEXT)).isEmpty();
    }

    @Test
    void hardwareOnlyPasses() {
        assertThat(virtualOnly.evaluate(passwordWith(HARDWARE_TOKEN), CONTEXT)).isEmpty();
        assertThat(virtualOnly.evaluate(passwordWith(FIDO_KEY), CONTEXT)).isEmpty();
    }

    @Test
    void mfaRulesNeedAPassword() {
        assertThat(withoutMfa.evaluate(mfaOnly(), CONTEXT)).isEmpty();
        assertThat(virtualOnly.evaluate(mfaOnly(VIRTUAL_MFA), CONTEXT)).isEmpty();
    }

    @Test
    void anyPasswordIsADeviationEvenWithHardwareMfa() {
        assertThat(passwordPresent.evaluate(passwordWith(FIDO_KEY), CONTEXT)).containsExactly(new Finding(
                "root-password-present", Severity.HIGH,
                "Root has a console password, created 2019-05-20, last used 2024-02-03", null));
        assertThat(passwordPresent.evaluate(mfaOnly(FIDO_KEY), CONTEXT)).isEmpty();
    }

    @Test
    void mfaWithoutPasswordIsOneLowFindingPerDevice() {
        assertThat(mfaWithoutPassword.evaluate(mfaOnly(VIRTUAL_MFA, HARDWARE_TOKEN), CONTEXT))
                .extracting(Finding::severity, Finding::resource, Finding::detail)
                .containsExactly(
                        tuple(Severity.LOW, VIRTUAL_MFA.serialNumber(),
                                "MFA device arn:aws:iam::111122223333:mfa/root-account-mfa-device (virtual,"
                                        + " enabled 2022-06-01) remains, but root has no password"),
                        tuple(Severity.LOW, "GAHT12345678",
                                "MFA device GAHT12345678 (hardware, enabled 2022-06-01) remains, but root has no password"));
        assertThat(BuiltInRules.controlLabels("root-mfa-without-password")).as("no framework maps it, as its rationale says")
                .isEmpty();
    }

    @Test
    void mfaWithPasswordIsNotLeftover() {
        assertThat(mfaWithoutPassword.evaluate(passwordWith(VIRTUAL_MFA), CONTEXT)).isEmpty();
        assertThat(mfaWithoutPassword.evaluate(mfaOnly(), CONTEXT)).isEmpty();
    }
}
