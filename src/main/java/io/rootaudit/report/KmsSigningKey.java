package io.rootaudit.report;

import io.rootaudit.aws.AwsClients;
import io.rootaudit.config.RootAuditProperties;
import io.rootaudit.organization.AdditionalPrerequisites;
import io.rootaudit.organization.PrerequisiteCheck;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.kms.model.KmsInvalidSignatureException;
import software.amazon.awssdk.services.kms.model.MessageType;

/**
 * The one place that talks to AWS KMS: the key of {@code rootaudit.report.signing.kms-key-id} signs each pack's
 * manifest.json ({@code kms:DescribeKey}, {@code kms:Sign}, {@code kms:GetPublicKey}), verifies a pack's
 * signature for {@code verify --kms} ({@code kms:Verify}), and is checked in preflight: it must exist, be
 * enabled and be an asymmetric signing key of a kind an auditor can verify offline (ECC_NIST_P256 or RSA).
 */
@Component
public class KmsSigningKey implements AdditionalPrerequisites {

    /** KMS signs a message of up to 4096 bytes as is; a longer one is signed as its SHA-256 digest. */
    private static final int MAX_RAW_MESSAGE = 4096;
    private static final String CHECK = "kms-signing-key";
    private static final String TITLE = "Evidence signing key is an enabled KMS signing key";

    private final Supplier<KmsClient> kms;
    private final RootAuditProperties.Signing settings;

    KmsSigningKey(AwsClients clients, RootAuditProperties properties) {
        this.kms = clients::kms;
        this.settings = properties.report().signing();
    }

    public boolean enabled() {
        return settings.enabled();
    }

    /** The configured key id, ARN or alias. */
    public String keyId() {
        return settings.kmsKeyId();
    }

    /** A signature of a message, with the key's ARN, the algorithm and the key's public half (DER, X.509). */
    record Signed(String keyArn, String algorithm, byte[] signature, byte[] publicKeyDer) {}

    @Override
    public List<PrerequisiteCheck> check() {
        if (!enabled()) {
            return List.of();
        }
        try {
            KeyMetadata key = kms.get().describeKey(d -> d.keyId(keyId())).keyMetadata();
            String problem = unusable(key);
            return List.of(problem == null
                    ? AdditionalPrerequisites.passed(CHECK, TITLE, key.arn() + " (" + key.keySpecAsString() + ", signs with "
                            + algorithm(key) + ")")
                    : AdditionalPrerequisites.failed(CHECK, TITLE, key.arn() + ": " + problem,
                            "give rootaudit.report.signing.kms-key-id an enabled asymmetric KMS key with key usage "
                                    + "SIGN_VERIFY and key spec ECC_NIST_P256 or RSA_2048/3072/4096"));
        } catch (SdkException e) {
            return List.of(AdditionalPrerequisites.failed(CHECK, TITLE, keyId() + ": " + describe(e), e,
                    "check rootaudit.report.signing.kms-key-id (the key must be in rootaudit.aws.region) and allow "
                            + "kms:DescribeKey, kms:Sign and kms:GetPublicKey on it (see config/iam-policy-evidence-bucket.json)"));
        }
    }

    /**
     * Signs {@code message} with the configured key.
     *
     * @throws SigningException naming the key and the reason, when the key cannot sign or KMS refuses
     */
    Signed sign(byte[] message) {
        try {
            KeyMetadata key = kms.get().describeKey(d -> d.keyId(keyId())).keyMetadata();
            String problem = unusable(key);
            if (problem != null) {
                throw new SigningException("cannot sign with KMS key " + key.arn() + ": " + problem, null);
            }
            String algorithm = algorithm(key);
            boolean raw = message.length <= MAX_RAW_MESSAGE;
            byte[] signed = raw ? message : java.util.HexFormat.of().parseHex(Digests.sha256(message));
            byte[] signature = kms.get().sign(s -> s.keyId(key.arn()).signingAlgorithm(algorithm)
                    .messageType(raw ? MessageType.RAW : MessageType.DIGEST).message(SdkBytes.fromByteArray(signed)))
                    .signature().asByteArray();
            byte[] publicKey = kms.get().getPublicKey(g -> g.keyId(key.arn())).publicKey().asByteArray();
            return new Signed(key.arn(), algorithm, signature, publicKey);
        } catch (SdkException e) {
            throw new SigningException("signing manifest.json with KMS key " + keyId() + " failed: " + describe(e), e);
        }
    }

    /**
     * Asks KMS whether {@code signature} of {@code message} verifies with the configured key.
     *
     * @throws SdkException when KMS cannot be asked (the caller reports it)
     */
    boolean verify(byte[] message, String algorithm, byte[] signature) {
        boolean raw = message.length <= MAX_RAW_MESSAGE;
        byte[] signed = raw ? message : java.util.HexFormat.of().parseHex(Digests.sha256(message));
        try {
            return Boolean.TRUE.equals(kms.get().verify(v -> v.keyId(keyId()).signingAlgorithm(algorithm)
                    .messageType(raw ? MessageType.RAW : MessageType.DIGEST).message(SdkBytes.fromByteArray(signed))
                    .signature(SdkBytes.fromByteArray(signature))).signatureValid());
        } catch (KmsInvalidSignatureException e) {
            return false; // how AWS answers a signature that does not verify
        }
    }

    /** Why the key cannot sign evidence, or null when it can. */
    private static String unusable(KeyMetadata key) {
        if (key.keyState() != KeyState.ENABLED) {
            return "the key is " + key.keyStateAsString() + ", not Enabled";
        }
        if (key.keyUsage() != KeyUsageType.SIGN_VERIFY) {
            return "its key usage is " + key.keyUsageAsString() + ", not SIGN_VERIFY";
        }
        if (algorithm(key) == null) {
            return "its key spec is " + key.keySpecAsString() + "; rootaudit signs with ECC_NIST_P256 or RSA keys";
        }
        return null;
    }

    /** ECDSA for P-256, RSASSA-PSS for RSA: both verify offline with java.security and OpenSSL. */
    static String algorithm(KeyMetadata key) {
        KeySpec spec = key.keySpec();
        if (spec == KeySpec.ECC_NIST_P256) {
            return PackSignature.ECDSA_SHA_256;
        }
        if (spec == KeySpec.RSA_2048 || spec == KeySpec.RSA_3072 || spec == KeySpec.RSA_4096) {
            return PackSignature.RSASSA_PSS_SHA_256;
        }
        return null;
    }

    private static String describe(SdkException e) {
        if (e instanceof AwsServiceException ase && ase.awsErrorDetails() != null) {
            return ase.awsErrorDetails().errorCode() + ": " + ase.awsErrorDetails().errorMessage();
        }
        return e.getMessage();
    }

    /** Signing failed; the message names the key and the cause. */
    public static final class SigningException extends RuntimeException {
        SigningException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
