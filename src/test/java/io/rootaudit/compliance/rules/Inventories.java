package io.rootaudit.compliance.rules;

import io.rootaudit.audit.MfaType;
import io.rootaudit.audit.RootCredentialInventory;
import io.rootaudit.audit.RootCredentialInventory.AccessKey;
import io.rootaudit.audit.RootCredentialInventory.CredentialStatus;
import io.rootaudit.audit.RootCredentialInventory.MfaDevice;
import io.rootaudit.audit.RootCredentialInventory.Password;
import io.rootaudit.audit.RootCredentialInventory.SigningCertificate;
import io.rootaudit.compliance.RuleContext;
import java.time.Instant;
import java.util.List;

/** Literal credentials for rule tests: plain records, no builders with hidden defaults beyond the dates. */
public final class Inventories {

    public static final String ROOT_ARN = "arn:aws:iam::111122223333:root";
    public static final Instant ACCOUNT_CREATED = Instant.parse("2019-05-20T08:00:00Z");
    public static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");
    public static final RuleContext CONTEXT = RuleContext.at(NOW);

    public static final Password PASSWORD =
            new Password(Instant.parse("2019-05-20T08:00:00Z"), Instant.parse("2024-02-03T10:00:00Z"), false);
    public static final AccessKey ACTIVE_KEY = new AccessKey("AKIAIOSFODNN7EXAMPLE", CredentialStatus.ACTIVE,
            Instant.parse("2021-03-01T00:00:00Z"), Instant.parse("2026-10-01T09:30:00Z"), "s3", "us-east-1");
    public static final AccessKey INACTIVE_KEY = new AccessKey("AKIAI44QH8DHBEXAMPLE", CredentialStatus.INACTIVE,
            Instant.parse("2020-07-14T00:00:00Z"), null, null, null);
    public static final SigningCertificate ACTIVE_CERT = new SigningCertificate(
            "TA7SMP42TDN5Z26OBPJE7EXAMPLE", CredentialStatus.ACTIVE, Instant.parse("2020-01-01T00:00:00Z"));
    public static final SigningCertificate INACTIVE_CERT = new SigningCertificate(
            "ZP4AMP42TDN5Z26OBPJE7EXAMPLE", CredentialStatus.INACTIVE, Instant.parse("2021-01-01T00:00:00Z"));
    public static final MfaDevice VIRTUAL_MFA = device("arn:aws:iam::111122223333:mfa/root-account-mfa-device");
    public static final MfaDevice FIDO_KEY = device("arn:aws:iam::111122223333:u2f/root-account-mfa-device/ABC");
    public static final MfaDevice HARDWARE_TOKEN = device("GAHT12345678");

    private Inventories() {}

    public static RootCredentialInventory credentialLess() {
        return RootCredentialInventory.credentialLess(ROOT_ARN, ACCOUNT_CREATED);
    }

    public static RootCredentialInventory passwordWith(MfaDevice... devices) {
        return new RootCredentialInventory(ROOT_ARN, ACCOUNT_CREATED, PASSWORD, List.of(), List.of(), List.of(devices));
    }

    public static RootCredentialInventory mfaOnly(MfaDevice... devices) {
        return new RootCredentialInventory(ROOT_ARN, ACCOUNT_CREATED, null, List.of(), List.of(), List.of(devices));
    }

    public static RootCredentialInventory keys(AccessKey... keys) {
        return new RootCredentialInventory(ROOT_ARN, ACCOUNT_CREATED, null, List.of(keys), List.of(), List.of());
    }

    public static RootCredentialInventory certificates(SigningCertificate... certificates) {
        return new RootCredentialInventory(ROOT_ARN, ACCOUNT_CREATED, null, List.of(), List.of(certificates), List.of());
    }

    public static RootCredentialInventory everything() {
        return new RootCredentialInventory(ROOT_ARN, ACCOUNT_CREATED, PASSWORD, List.of(ACTIVE_KEY, INACTIVE_KEY),
                List.of(ACTIVE_CERT, INACTIVE_CERT), List.of(VIRTUAL_MFA));
    }

    public static AccessKey keyLastUsed(String id, Instant lastUsedAt) {
        return new AccessKey(id, CredentialStatus.ACTIVE, Instant.parse("2021-03-01T00:00:00Z"), lastUsedAt, "iam",
                "us-east-1");
    }

    private static MfaDevice device(String serial) {
        return new MfaDevice(serial, MfaType.fromSerialNumber(serial), Instant.parse("2022-06-01T00:00:00Z"));
    }
}
