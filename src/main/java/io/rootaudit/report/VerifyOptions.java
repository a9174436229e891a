package io.rootaudit.report;

import java.nio.file.Path;

/**
 * How {@code verify} checks a pack's signature. A pack's own {@code signing-public-key.pem} proves nothing about
 * who signed it (a forger puts their own key there), so the key comes from the auditor: a PEM file
 * ({@code --public-key}), or the configured KMS key ({@code --kms}); the pack's copy only when told to.
 *
 * @param publicKey a PEM public key to verify with, offline; or null
 * @param kms verify through {@code kms:Verify} with {@code rootaudit.report.signing.kms-key-id}
 * @param trustPackPublicKey verify with the pack's own signing-public-key.pem
 * @param requireSignature an unsigned pack, or a signature that was not checked, fails verification
 */
public record VerifyOptions(Path publicKey, boolean kms, boolean trustPackPublicKey, boolean requireSignature) {

    /** Integrity only: a signature is reported but not checked. */
    public static final VerifyOptions INTEGRITY = new VerifyOptions(null, false, false, false);
}
