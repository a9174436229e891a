package io.rootaudit.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class MfaTypeTest {

    @Test
    void defaultNamedVirtualDeviceIsVirtual() {
        assertThat(MfaType.fromSerialNumber("arn:aws:iam::111122223333:mfa/root-account-mfa-device"))
                .isEqualTo(MfaType.VIRTUAL);
    }

    @Test
    void customNamedVirtualDeviceIsVirtual() {
        assertThat(MfaType.fromSerialNumber("arn:aws:iam::111122223333:mfa/ops-phone")).isEqualTo(MfaType.VIRTUAL);
    }

    @Test
    void u2fArnIsFido() {
        assertThat(MfaType.fromSerialNumber("arn:aws:iam::111122223333:u2f/root-account-mfa-device/ABC"))
                .isEqualTo(MfaType.FIDO);
    }

    @Test
    void serialThatIsNotAnArnIsHardwareToken() {
        assertThat(MfaType.fromSerialNumber("GAHT12345678")).isEqualTo(MfaType.HARDWARE);
    }

    @Test
    void unrecognisedArnAndEmptySerialAreRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> MfaType.fromSerialNumber("arn:aws:iam::111122223333:user/alice"));
        assertThatIllegalArgumentException().isThrownBy(() -> MfaType.fromSerialNumber(" "));
        assertThatIllegalArgumentException().isThrownBy(() -> MfaType.fromSerialNumber(null));
    }

    @Test
    void onlyVirtualIsNotHardwareBacked() {
        assertThat(MfaType.VIRTUAL.isHardwareBacked()).isFalse();
        assertThat(MfaType.FIDO.isHardwareBacked()).isTrue();
        assertThat(MfaType.HARDWARE.isHardwareBacked()).isTrue();
    }
}
