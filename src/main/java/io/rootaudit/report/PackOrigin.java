package io.rootaudit.report;

import io.rootaudit.compliance.QuotedValue;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who made a pack: checks the detached signature of manifest.json ({@link PackSignature}) with the key the
 * auditor names ({@link VerifyOptions}). An unsigned pack, or one whose signature was not checked, proves
 * integrity only; that is said, and fails only with {@code requireSignature}. A signature that does not verify
 * always fails.
 *
 * @param statement one line for the auditor: what the signature proves, or why origin is not proven
 * @param problems why verification fails on the signature; empty when it does not
 */
record PackOrigin(String statement, List<String> problems) {

    private static final int MAX_SIGNATURE_FILE = 64 * 1024;

    static PackOrigin check(byte[] manifest, EvidenceVerifier.Source pack, VerifyOptions options, KmsSigningKey kms, JsonMapper json) {
        List<String> problems = new ArrayList<>();
        byte[] text;
        try (InputStream in = pack.open(PackSignature.FILE)) {
            text = in.readNBytes(MAX_SIGNATURE_FILE);
        } catch (NoSuchFileException e) {
            if (options.requireSignature()) {
                problems.add(Manifest.FILE + ": not signed (the pack has no " + PackSignature.FILE
                        + "), and a signature is required");
            }
            return new PackOrigin("integrity only, origin not proven: the pack is not signed", problems);
        } catch (IOException | SdkException e) {
            return failed(PackSignature.FILE + ": missing or unreadable (" + QuotedValue.printable(e.getMessage()) + ")");
        }
        PackSignature signature;
        byte[] signatureBytes;
        try {
            signature = json.readValue(text, PackSignature.class);
            signatureBytes = Base64.getDecoder().decode(signature.signature());
        } catch (RuntimeException e) {
            return failed(PackSignature.FILE + ": cannot be read (" + QuotedValue.printable(String.valueOf(e.getMessage())) + ")");
        }
        if (!Manifest.FILE.equals(signature.signedFile())) {
            return failed(PackSignature.FILE + ": signs '" + QuotedValue.of(signature.signedFile()) + "', not " + Manifest.FILE);
        }
        String signer = "KMS key " + QuotedValue.of(signature.keyArn()) + " (" + QuotedValue.of(signature.algorithm())
                + ", at " + signature.signedAt() + ")";
        String with;
        boolean valid;
        try {
            if (options.publicKey() != null) {
                with = "the public key " + options.publicKey();
                valid = Signatures.verify(Signatures.readPem(Files.readString(options.publicKey(), StandardCharsets.US_ASCII)),
                        signature.algorithm(), manifest, signatureBytes);
            } else if (options.kms()) {
                if (!kms.enabled()) {
                    return failed("verifying through KMS needs the key: set rootaudit.report.signing.kms-key-id");
                }
                with = "KMS key " + kms.keyId() + " (kms:Verify)";
                valid = kms.verify(manifest, signature.algorithm(), signatureBytes);
            } else if (options.trustPackPublicKey()) {
                with = "the pack's own " + PackSignature.PUBLIC_KEY_FILE + " (trusted as told: it proves origin only if "
                        + "you know that key to be the signer's)";
                valid = Signatures.verify(packKey(pack), signature.algorithm(), manifest, signatureBytes);
            } else {
                if (options.requireSignature()) {
                    problems.add(PackSignature.FILE + ": the signature was not checked: give --public-key FILE.pem or --kms");
                }
                return new PackOrigin("integrity only, origin not proven: manifest.json is signed by " + signer
                        + ", but no key was given to check it (--public-key FILE.pem, or --kms)", problems);
            }
        } catch (IOException | GeneralSecurityException | SdkException | IllegalArgumentException e) {
            return failed("the signature could not be checked: " + QuotedValue.printable(String.valueOf(e.getMessage())));
        }
        if (!valid) {
            return failed(Manifest.FILE + ": its signature in " + PackSignature.FILE + " does not verify with " + with
                    + ": the manifest was changed after it was signed, or another key signed it");
        }
        return new PackOrigin("signature verified: manifest.json was signed by " + signer + "; checked with " + with,
                List.of());
    }

    private static PublicKey packKey(EvidenceVerifier.Source pack) throws IOException, GeneralSecurityException {
        try (InputStream in = pack.open(PackSignature.PUBLIC_KEY_FILE)) {
            return Signatures.readPem(new String(in.readNBytes(MAX_SIGNATURE_FILE), StandardCharsets.US_ASCII));
        }
    }

    private static PackOrigin failed(String problem) {
        return new PackOrigin("origin not proven", List.of(problem));
    }
}
