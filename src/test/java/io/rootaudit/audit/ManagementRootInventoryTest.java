package io.rootaudit.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rootaudit.audit.RootCredentialInventory.CredentialStatus;
import io.rootaudit.audit.RootCredentialInventory.MfaDevice;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.VirtualMFADevice;

/** How the three reads of the management account become its root's inventory: pure logic on literal answers. */
class ManagementRootInventoryTest {

    static final String ACCOUNT = "111111111111";
    static final CredentialReportRootRow ROW = CredentialReportRootRow.parse(
            CredentialReportRootRowTest.HEADER + "\n" + CredentialReportRootRowTest.ROOT);
    static final Map<String, Integer> SUMMARY = Map.of("AccountMFAEnabled", 1, "AccountAccessKeysPresent", 1,
            "AccountSigningCertificatesPresent", 1, "AccountPasswordPresent", 1, "Users", 4);
    static final VirtualMFADevice ROOT_DEVICE = VirtualMFADevice.builder()
            .serialNumber("arn:aws:iam::111111111111:mfa/root-account-mfa-device")
            .enableDate(Instant.parse("2020-05-06T07:08:09Z")).build();

    @Test
    void aVirtualDeviceOfTheRootArnIsVirtualAndTheReportGivesTheRest() {
        RootCredentialInventory inv = ManagementRootCollector.inventory(ACCOUNT, SUMMARY, ROW, List.of(ROOT_DEVICE));

        assertThat(inv.rootArn()).isEqualTo("arn:aws:iam::111111111111:root");
        assertThat(inv.password().createdAt()).isNull();
        assertThat(inv.password().lastUsedAt()).isEqualTo(Instant.parse("2026-11-20T08:00:00Z"));
        assertThat(inv.mfaDevices()).containsExactly(new MfaDevice(
                "arn:aws:iam::111111111111:mfa/root-account-mfa-device", MfaType.VIRTUAL, Instant.parse("2020-05-06T07:08:09Z")));
        assertThat(inv.accessKeys()).singleElement().satisfies(k -> {
            assertThat(k.accessKeyId()).isEqualTo("access_key_1");
            assertThat(k.status()).isEqualTo(CredentialStatus.INACTIVE);
            assertThat(k.lastUsedService()).isEqualTo("ec2");
        });
        assertThat(inv.signingCertificates()).singleElement()
                .satisfies(c -> assertThat(c.status()).isEqualTo(CredentialStatus.ACTIVE));
    }

    @Test
    void activeMfaWithoutAVirtualDeviceIsNonVirtual() {
        RootCredentialInventory inv = ManagementRootCollector.inventory(ACCOUNT, SUMMARY, ROW, List.of());

        assertThat(inv.mfaDevices()).containsExactly(new MfaDevice(null, MfaType.NON_VIRTUAL, null));
        assertThat(MfaType.NON_VIRTUAL.isHardwareBacked()).isTrue();
    }

    @Test
    void noPasswordWhenTheSummarySaysSoEvenAfterAnOldUse() {
        Map<String, Integer> summary = new java.util.HashMap<>(SUMMARY);
        summary.put("AccountPasswordPresent", 0);

        assertThat(ManagementRootCollector.inventory(ACCOUNT, summary, ROW, List.of(ROOT_DEVICE)).hasPassword()).isFalse();
    }

    @Test
    void aSummaryThatDisagreesWithTheReportIsAnErrorNotAGuess() {
        Map<String, Integer> summary = new java.util.HashMap<>(SUMMARY);
        summary.put("AccountAccessKeysPresent", 0);

        assertThatThrownBy(() -> ManagementRootCollector.inventory(ACCOUNT, summary, ROW, List.of()))
                .hasMessageContaining("AccountAccessKeysPresent=0").hasMessageContaining("4 hours");
    }
}
