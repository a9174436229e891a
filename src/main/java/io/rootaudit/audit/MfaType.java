package io.rootaudit.audit;

/**
 * The kind of an MFA device, derived from its serial number, because auditors distinguish hardware
 * from virtual MFA (CIS 1.6 / Security Hub IAM.6) and ListMFADevices does not say which it is.
 */
public enum MfaType {
    /** An authenticator app: the serial is an ARN with {@code :mfa/}. */
    VIRTUAL,
    /** A hardware TOTP token: the serial is not an ARN (for example {@code GAHT12345678}). */
    HARDWARE,
    /** A FIDO security key or passkey: the serial is an ARN with {@code :u2f/}. */
    FIDO,
    /**
     * A hardware TOTP token or a FIDO security key, not told apart: the management account's root is read from inside
     * the account, where the credential report says MFA is active and iam:ListVirtualMFADevices lists no virtual
     * device for the root ARN, and no other API outside a root session names the device. Hardware-backed either way.
     */
    NON_VIRTUAL;

    /** Types a device from its serial number as returned by iam:ListMFADevices. */
    public static MfaType fromSerialNumber(String serialNumber) {
        if (serialNumber == null || serialNumber.isBlank()) {
            throw new IllegalArgumentException("MFA serial number is empty");
        }
        if (!serialNumber.startsWith("arn:")) {
            return HARDWARE;
        }
        if (serialNumber.contains(":u2f/")) {
            return FIDO;
        }
        if (serialNumber.contains(":mfa/")) {
            return VIRTUAL;
        }
        throw new IllegalArgumentException("Unrecognised MFA device ARN: " + serialNumber);
    }

    /** Hardware and FIDO devices are phishing-resistant, tamper-evident devices in CIS terms. */
    public boolean isHardwareBacked() {
        return this != VIRTUAL;
    }
}
