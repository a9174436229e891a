package io.rootaudit.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Signs a rendered pack: the exact bytes of its manifest.json, with the KMS key of
 * {@code rootaudit.report.signing.kms-key-id}, into {@code manifest.sig.json}, with the key's public half in
 * {@code signing-public-key.pem}. Without a key, it removes the signature files an earlier rendering of the
 * folder may have left, which would no longer match the new manifest.
 */
@Component
class ManifestSigner {

    private static final Logger log = LoggerFactory.getLogger(ManifestSigner.class);

    private final KmsSigningKey key;
    private final JsonMapper json;
    private final Clock clock;

    ManifestSigner(KmsSigningKey key, JsonMapper json, Clock clock) {
        this.key = key;
        this.json = json;
        this.clock = clock;
    }

    /** @return the signature written, or null when signing is off */
    PackSignature sign(RunFolder folder) {
        try {
            if (!key.enabled()) {
                Files.deleteIfExists(folder.file(PackSignature.FILE));
                Files.deleteIfExists(folder.file(PackSignature.PUBLIC_KEY_FILE));
                return null;
            }
            byte[] manifest = Files.readAllBytes(folder.file(Manifest.FILE));
            KmsSigningKey.Signed signed = key.sign(manifest);
            PackSignature signature = new PackSignature("1", Manifest.FILE, signed.algorithm(), signed.keyArn(),
                    clock.instant(), Base64.getEncoder().encodeToString(signed.signature()), PackSignature.PUBLIC_KEY_FILE);
            folder.write(PackSignature.PUBLIC_KEY_FILE,
                    out -> out.write(Signatures.pem(signed.publicKeyDer()).getBytes(StandardCharsets.US_ASCII)));
            folder.write(PackSignature.FILE, out -> json.writerWithDefaultPrettyPrinter().writeValue(out, signature));
            log.info("Signed {} with KMS key {} ({})", folder.file(Manifest.FILE), signed.keyArn(), signed.algorithm());
            return signature;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
