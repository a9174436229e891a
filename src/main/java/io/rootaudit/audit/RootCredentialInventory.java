package io.rootaudit.audit;

import java.time.Instant;
import java.util.List;

/**
 * Everything the IAMAuditRootUserCredentials task revealed about one member account's root user.
 * It is the only input of the compliance rules, so a rule can be tested with a literal inventory.
 *
 * @param rootArn the root user's ARN as returned by iam:GetUser
 * @param rootCreatedAt when the root user (the account) was created
 * @param password the console password, or {@code null} when GetLoginProfile answered NoSuchEntity
 * @param accessKeys every root access key, active or not
 * @param signingCertificates every root X.509 signing certificate
 * @param mfaDevices every MFA device assigned to root, typed
 */
public record RootCredentialInventory(
        String rootArn,
        Instant rootCreatedAt,
        Password password,
        List<AccessKey> accessKeys,
        List<SigningCertificate> signingCertificates,
        List<MfaDevice> mfaDevices) {

    public RootCredentialInventory {
        accessKeys = List.copyOf(accessKeys);
        signingCertificates = List.copyOf(signingCertificates);
        mfaDevices = List.copyOf(mfaDevices);
    }

    /** An inventory of a root user without any credential: the target state. */
    public static RootCredentialInventory credentialLess(String rootArn, Instant rootCreatedAt) {
        return new RootCredentialInventory(rootArn, rootCreatedAt, null, List.of(), List.of(), List.of());
    }

    public boolean hasPassword() {
        return password != null;
    }

    /** True when root has no password, access key, signing certificate or MFA device at all. */
    public boolean isCredentialLess() {
        return password == null && accessKeys.isEmpty() && signingCertificates.isEmpty() && mfaDevices.isEmpty();
    }

    /**
     * The console password.
     *
     * @param createdAt LoginProfile.CreateDate
     * @param lastUsedAt User.PasswordLastUsed, {@code null} when never used (or not recorded)
     * @param resetRequired LoginProfile.PasswordResetRequired
     */
    public record Password(Instant createdAt, Instant lastUsedAt, boolean resetRequired) {}

    /**
     * A root access key. The key id is an identifier, not a secret; the secret is never returned by IAM.
     *
     * @param lastUsedAt GetAccessKeyLastUsed.LastUsedDate, {@code null} when never used
     * @param lastUsedService the service of the last use, {@code null} when never used
     */
    public record AccessKey(String accessKeyId, CredentialStatus status, Instant createdAt,
                            Instant lastUsedAt, String lastUsedService, String lastUsedRegion) {
        public boolean isActive() {
            return status == CredentialStatus.ACTIVE;
        }
    }

    /** A root X.509 signing certificate (only its id, status and upload date; the body is not kept). */
    public record SigningCertificate(String certificateId, CredentialStatus status, Instant uploadedAt) {
        public boolean isActive() {
            return status == CredentialStatus.ACTIVE;
        }
    }

    /** An MFA device assigned to root. */
    public record MfaDevice(String serialNumber, MfaType type, Instant enabledAt) {}

    /** IAM's Active/Inactive status of a key or certificate. */
    public enum CredentialStatus {
        ACTIVE, INACTIVE;

        public static CredentialStatus fromAws(String value) {
            return "Active".equalsIgnoreCase(value) ? ACTIVE : INACTIVE;
        }
    }
}
