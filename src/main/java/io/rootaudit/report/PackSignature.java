package io.rootaudit.report;

import java.time.Instant;

/**
 * {@code manifest.sig.json}: the detached signature of a pack's {@code manifest.json}. A manifest proves that
 * the files are those it lists, not who made it; whoever can rewrite the pack can re-hash it. The signature,
 * made with {@code kms:Sign} over the exact bytes of manifest.json, proves that the holder of the KMS key made
 * it. {@code signing-public-key.pem} beside it is a copy of the key's public half for convenience only:
 * {@code verify} never trusts it unless told to ({@code --trust-pack-public-key}).
 *
 * @param signedFile always {@code manifest.json}
 * @param algorithm the KMS signing algorithm: {@code ECDSA_SHA_256} or {@code RSASSA_PSS_SHA_256}
 * @param keyArn the ARN of the KMS key that signed
 * @param signature the signature, base64 (DER for ECDSA, as KMS returns it)
 */
public record PackSignature(String schemaVersion, String signedFile, String algorithm, String keyArn,
                            Instant signedAt, String signature, String publicKeyFile) {

    public static final String FILE = "manifest.sig.json";
    public static final String PUBLIC_KEY_FILE = "signing-public-key.pem";
    public static final String ECDSA_SHA_256 = "ECDSA_SHA_256";
    public static final String RSASSA_PSS_SHA_256 = "RSASSA_PSS_SHA_256";
}
