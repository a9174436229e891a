package io.rootaudit.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootaudit.devtools.emulator.Emulator;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.s3.S3Client;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Signed evidence against KMS in the emulator: a run signs its manifest with an asymmetric key; verify checks the
 * signature offline with the public key the auditor got from KMS, or through kms:Verify; a forged pack fails.
 */
@ExtendWith(EmulatorExtension.class)
class SignedEvidenceTest {

    @TempDir
    Path work;

    Emulator emulator;
    KmsClient kms;

    @BeforeEach
    void organization(Emulator fresh) {
        emulator = fresh;
        emulator.createOrganization(Orgs.simple(3));
        kms = KmsClient.builder().endpointOverride(URI.create(emulator.endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .build();
    }

    @AfterEach
    void close() {
        kms.close();
    }

    @Test
    void aSignedPackVerifiesOfflineAndThroughKms() throws Exception {
        String key = signingKey(KeySpec.ECC_NIST_P256);
        Invocation run = Invocation.run(emulator, work, "audit", "--rootaudit.report.signing.kms-key-id=" + key);
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("[PASSED     ] Evidence signing key is an enabled KMS signing key");
        Path folder = run.runFolder();
        JsonNode signature = Invocation.JSON.readTree(folder.resolve("manifest.sig.json").toFile());
        assertThat(signature.get("algorithm").asString()).isEqualTo("ECDSA_SHA_256");
        assertThat(signature.get("keyArn").asString()).isEqualTo(key);
        assertThat(signature.get("signedFile").asString()).isEqualTo("manifest.json");
        assertThat(Files.readString(folder.resolve("signing-public-key.pem"))).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(coverOf(folder).replaceAll("\\s+", "")).as("the cover, white space removed (a long ARN wraps)")
                .contains("Signed:manifest.jsonissignedwithAWSKMSkey" + key);

        Invocation offline = Invocation.run(emulator, work, "verify", "--path", folder.toString(),
                "--public-key", auditorsCopyOfThePublicKey(key).toString(), "--require-signature");
        assertThat(offline.exitCode()).as(offline.err()).isZero();
        assertThat(offline.out()).contains("Origin: signature verified: manifest.json was signed by KMS key " + key);

        Invocation throughKms = Invocation.run(emulator, work, "verify", "--path", folder.toString(), "--kms",
                "--rootaudit.report.signing.kms-key-id=" + key);
        assertThat(throughKms.exitCode()).as(throughKms.err()).isZero();
        assertThat(throughKms.out()).contains("Origin: signature verified").contains("checked with KMS key " + key);

        Invocation unchecked = Invocation.run(emulator, work, "verify", "--path", folder.toString());
        assertThat(unchecked.exitCode()).isZero();
        assertThat(unchecked.out()).contains("Origin: integrity only, origin not proven: manifest.json is signed by KMS key "
                + key);
        Invocation required = Invocation.run(emulator, work, "verify", "--path", folder.toString(), "--require-signature");
        assertThat(required.exitCode()).isEqualTo(7);
        assertThat(required.err()).contains("manifest.sig.json: the signature was not checked");
    }

    @Test
    void anRsaKeySignsWithPssThatVerifiesOffline() throws Exception {
        String key = signingKey(KeySpec.RSA_2048);
        Invocation run = Invocation.run(emulator, work, "audit", "--rootaudit.report.signing.kms-key-id=" + key);
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        Path folder = run.runFolder();
        assertThat(Invocation.JSON.readTree(folder.resolve("manifest.sig.json").toFile()).get("algorithm").asString())
                .isEqualTo("RSASSA_PSS_SHA_256");

        Invocation offline = Invocation.run(emulator, work, "verify", "--path", folder.toString(),
                "--public-key", auditorsCopyOfThePublicKey(key).toString());
        assertThat(offline.exitCode()).as(offline.err()).isZero();
        assertThat(offline.out()).contains("Origin: signature verified");
    }

    /** The forgery: results.json edited NON_COMPLIANT to COMPLIANT and the manifest re-hashed. */
    @Test
    void aForgedPackFailsWhenSigned() throws Exception {
        String key = signingKey(KeySpec.ECC_NIST_P256);
        Invocation run = Invocation.run(emulator, work, "audit", "--rootaudit.report.signing.kms-key-id=" + key);
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        Path folder = run.runFolder();
        forge(folder);
        Path publicKey = auditorsCopyOfThePublicKey(key);

        Invocation offline = Invocation.run(emulator, work, "verify", "--path", folder.toString(), "--public-key",
                publicKey.toString());
        assertThat(offline.exitCode()).isEqualTo(7);
        assertThat(offline.err()).contains("  - manifest.json: its signature in manifest.sig.json does not verify with "
                + "the public key " + publicKey + ": the manifest was changed after it was signed, or another key signed it");

        Invocation throughKms = Invocation.run(emulator, work, "verify", "--path", folder.toString(), "--kms",
                "--rootaudit.report.signing.kms-key-id=" + key);
        assertThat(throughKms.exitCode()).isEqualTo(7);
        assertThat(throughKms.err()).contains("  - manifest.json: its signature in manifest.sig.json does not verify with "
                + "KMS key " + key);
    }

    /** A forger who re-signs with a key of their own and swaps the pack's PEM convinces only who trusts the pack's PEM. */
    @Test
    void aPackResignedWithAnotherKeyFailsAgainstTheAuditorsKey() throws Exception {
        String key = signingKey(KeySpec.ECC_NIST_P256);
        String forgersKey = signingKey(KeySpec.ECC_NIST_P256);
        Invocation run = Invocation.run(emulator, work, "audit", "--rootaudit.report.signing.kms-key-id=" + key);
        assertThat(run.exitCode()).isZero();
        Path folder = run.runFolder();
        byte[] manifest = Files.readAllBytes(folder.resolve("manifest.json"));
        byte[] forged = kms.sign(s -> s.keyId(forgersKey).signingAlgorithm("ECDSA_SHA_256").messageType("RAW")
                .message(software.amazon.awssdk.core.SdkBytes.fromByteArray(manifest))).signature().asByteArray();
        ObjectNode signature = (ObjectNode) Invocation.JSON.readTree(folder.resolve("manifest.sig.json").toFile());
        signature.put("signature", Base64.getEncoder().encodeToString(forged));
        Files.writeString(folder.resolve("manifest.sig.json"), signature.toString());
        Files.copy(auditorsCopyOfThePublicKey(forgersKey), folder.resolve("signing-public-key.pem"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        Invocation trusting = Invocation.run(emulator, work, "verify", "--path", folder.toString(), "--trust-pack-public-key");
        assertThat(trusting.exitCode()).isZero();
        assertThat(trusting.out()).contains("checked with the pack's own signing-public-key.pem (trusted as told");
        Invocation auditor = Invocation.run(emulator, work, "verify", "--path", folder.toString(), "--public-key",
                auditorsCopyOfThePublicKey(key).toString());
        assertThat(auditor.exitCode()).isEqualTo(7);
        assertThat(auditor.err()).contains("its signature in manifest.sig.json does not verify");
    }

    @Test
    void anUnsignedPackIsIntegrityOnlyUnlessASignatureIsRequired() {
        Invocation run = Invocation.run(emulator, work, "audit");
        assertThat(run.exitCode()).isZero();
        Path folder = run.runFolder();
        assertThat(folder.resolve("manifest.sig.json")).doesNotExist();

        Invocation verify = Invocation.run(emulator, work, "verify", "--path", folder.toString());
        assertThat(verify.exitCode()).isZero();
        assertThat(verify.out()).contains("Origin: integrity only, origin not proven: the pack is not signed");
        Invocation required = Invocation.run(emulator, work, "verify", "--path", folder.toString(), "--require-signature");
        assertThat(required.exitCode()).isEqualTo(7);
        assertThat(required.err()).contains("  - manifest.json: not signed (the pack has no manifest.sig.json), and a "
                + "signature is required");
    }

    /** KMS refusing to sign fails the run, naming the key and the error; the next audit resumes it and signs. */
    @Test
    void aRefusalToSignFailsTheRunAndTheNextAuditSigns() throws Exception {
        String key = signingKey(KeySpec.ECC_NIST_P256);
        emulator.addFault(java.util.Map.of("action", "Sign", "code", "AccessDeniedException", "status", 400,
                "message", "injected: not allowed kms:Sign"));
        Invocation refused = Invocation.run(emulator, work, "audit", "--rootaudit.report.signing.kms-key-id=" + key,
                "--rootaudit.aws.max-attempts=1");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.out() + refused.err()).contains("signing manifest.json with KMS key " + key
                + " failed: AccessDeniedException: injected: not allowed kms:Sign");

        emulator.clearFaults();
        Invocation resumed = Invocation.run(emulator, work, "audit", "--rootaudit.report.signing.kms-key-id=" + key);
        assertThat(resumed.exitCode()).as(resumed.out() + resumed.err()).isZero();
        Invocation verify = Invocation.run(emulator, work, "verify", "--path", resumed.runFolder().toString(),
                "--public-key", auditorsCopyOfThePublicKey(key).toString(), "--require-signature");
        assertThat(verify.exitCode()).as(verify.err()).isZero();
    }

    @Test
    void preflightRefusesAKeyThatCannotSign() {
        String encryption = kms.createKey(c -> c.keyUsage(KeyUsageType.ENCRYPT_DECRYPT)).keyMetadata().arn();
        String disabled = signingKey(KeySpec.ECC_NIST_P256);
        kms.disableKey(d -> d.keyId(disabled.substring(disabled.lastIndexOf('/') + 1))); // moto takes no ARN here

        Invocation missing = Invocation.run(emulator, work, "preflight",
                "--rootaudit.report.signing.kms-key-id=arn:aws:kms:us-east-1:123456789012:key/00000000-0000-0000-0000-000000000000");
        assertThat(missing.exitCode()).isEqualTo(5);
        assertThat(missing.out()).contains("[FAILED     ] Evidence signing key is an enabled KMS signing key")
                .contains("NotFoundException");
        Invocation notSigning = Invocation.run(emulator, work, "preflight", "--rootaudit.report.signing.kms-key-id=" + encryption);
        assertThat(notSigning.exitCode()).isEqualTo(5);
        assertThat(notSigning.out()).contains("its key usage is ENCRYPT_DECRYPT, not SIGN_VERIFY");
        Invocation off = Invocation.run(emulator, work, "preflight", "--rootaudit.report.signing.kms-key-id=" + disabled);
        assertThat(off.exitCode()).isEqualTo(5);
        assertThat(off.out()).contains("the key is Disabled, not Enabled");
    }

    @Test
    void aPublishedSignedPackVerifiesInS3() throws Exception {
        String key = signingKey(KeySpec.ECC_NIST_P256);
        try (S3Client s3 = S3Client.builder().endpointOverride(URI.create(emulator.endpoint())).forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .build()) {
            s3.createBucket(b -> b.bucket("evidence-signed"));
        }
        Invocation run = Invocation.run(emulator, work, "audit", "--rootaudit.report.s3.bucket=evidence-signed",
                "--rootaudit.report.signing.kms-key-id=" + key);
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        String location = run.out().replaceAll("(?s).*Published and verified: (s3://\\S+).*", "$1");

        Invocation verify = Invocation.run(emulator, work, "verify", "--path", location, "--public-key",
                auditorsCopyOfThePublicKey(key).toString(), "--require-signature");
        assertThat(verify.exitCode()).as(verify.err()).isZero();
        assertThat(verify.out()).contains("Origin: signature verified");
    }

    private String signingKey(KeySpec spec) {
        return kms.createKey(c -> c.keyUsage(KeyUsageType.SIGN_VERIFY).keySpec(spec)).keyMetadata().arn();
    }

    /** What the auditor holds: the key's public half as KMS gives it to its owner, in PEM, not the pack's copy. */
    private Path auditorsCopyOfThePublicKey(String key) throws Exception {
        byte[] der = kms.getPublicKey(g -> g.keyId(key)).publicKey().asByteArray();
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END PUBLIC KEY-----\n";
        return Files.writeString(Files.createTempFile(work, "auditor-", ".pem"), pem);
    }

    /** results.json edited (NON_COMPLIANT to COMPLIANT) and its size and digest in manifest.json recomputed. */
    static void forge(Path folder) throws Exception {
        Path results = folder.resolve("results.json");
        String original = Files.readString(results);
        assertThat(original).contains("\"NON_COMPLIANT\"");
        Files.writeString(results, original.replace("\"NON_COMPLIANT\"", "\"COMPLIANT\""));
        ObjectNode manifest = (ObjectNode) Invocation.JSON.readTree(folder.resolve("manifest.json").toFile());
        for (JsonNode artifact : manifest.get("artifacts")) {
            if (artifact.get("file").asString().equals("results.json")) {
                ((ObjectNode) artifact).put("bytes", Files.size(results));
                ((ObjectNode) artifact).put("sha256", io.rootaudit.report.Digests.sha256(results));
            }
        }
        Files.writeString(folder.resolve("manifest.json"), Invocation.JSON.writerWithDefaultPrettyPrinter()
                .writeValueAsString(manifest), StandardCharsets.UTF_8);
    }

    private static String coverOf(Path folder) throws Exception {
        try (PDDocument doc = Loader.loadPDF(folder.resolve("report.pdf").toFile())) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setEndPage(1);
            return stripper.getText(doc).replaceAll("\\s+", " ");
        }
    }
}
