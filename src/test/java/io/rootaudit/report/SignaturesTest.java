package io.rootaudit.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import org.junit.jupiter.api.Test;

/**
 * Offline verification, with keys made here: a signature made as KMS makes it verifies through the PEM an
 * auditor holds, and one byte changed in the manifest, another key, or an algorithm that does not fit fails.
 */
class SignaturesTest {

    private static final byte[] MANIFEST = "{\"runId\":\"2026-11-1-abcdef\",\"artifacts\":[]}".getBytes(StandardCharsets.UTF_8);

    @Test
    void ecdsaP256SignaturesVerifyThroughThePem() throws Exception {
        KeyPair pair = ec();
        byte[] signature = sign(pair, "SHA256withECDSA", null);
        var key = Signatures.readPem(Signatures.pem(pair.getPublic().getEncoded()));

        assertThat(Signatures.verify(key, "ECDSA_SHA_256", MANIFEST, signature)).isTrue();
        assertThat(Signatures.verify(key, "ECDSA_SHA_256", changed(MANIFEST), signature)).isFalse();
        assertThat(Signatures.verify(ec().getPublic(), "ECDSA_SHA_256", MANIFEST, signature)).isFalse();
        assertThat(Signatures.verify(key, "ECDSA_SHA_256", MANIFEST, new byte[] {1, 2, 3})).isFalse();
    }

    @Test
    void rsaPssSignaturesWithA32ByteSaltVerifyThroughThePem() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        PSSParameterSpec kms = new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1);
        var key = Signatures.readPem(Signatures.pem(pair.getPublic().getEncoded()));

        assertThat(Signatures.verify(key, "RSASSA_PSS_SHA_256", MANIFEST, sign(pair, "RSASSA-PSS", kms))).isTrue();
        assertThat(Signatures.verify(key, "RSASSA_PSS_SHA_256", changed(MANIFEST), sign(pair, "RSASSA-PSS", kms))).isFalse();
        PSSParameterSpec longSalt = new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 222, 1);
        assertThat(Signatures.verify(key, "RSASSA_PSS_SHA_256", MANIFEST, sign(pair, "RSASSA-PSS", longSalt)))
                .as("a salt of another length is not the KMS algorithm").isFalse();
    }

    @Test
    void anAlgorithmThatDoesNotFitTheKeyOrIsNotOneWeSignWithIsRefused() throws Exception {
        KeyPair pair = ec();
        assertThatThrownBy(() -> Signatures.verify(pair.getPublic(), "RSASSA_PSS_SHA_256", MANIFEST, new byte[0]))
                .isInstanceOf(GeneralSecurityException.class).hasMessageContaining("does not fit a EC key");
        assertThatThrownBy(() -> Signatures.verify(pair.getPublic(), "RSASSA_PKCS1_V1_5_SHA_256", MANIFEST, new byte[0]))
                .isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void textThatIsNoPemPublicKeyIsRefused() {
        assertThatThrownBy(() -> Signatures.readPem("hello")).isInstanceOf(GeneralSecurityException.class)
                .hasMessageContaining("no '-----BEGIN PUBLIC KEY-----' block");
        assertThatThrownBy(() -> Signatures.readPem("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"))
                .isInstanceOf(GeneralSecurityException.class).hasMessageContaining("not an EC or RSA public key");
    }

    private static KeyPair ec() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static byte[] sign(KeyPair pair, String algorithm, PSSParameterSpec pss) throws GeneralSecurityException {
        Signature signer = Signature.getInstance(algorithm);
        if (pss != null) {
            signer.setParameter(pss);
        }
        signer.initSign(pair.getPrivate());
        signer.update(MANIFEST);
        return signer.sign();
    }

    private static byte[] changed(byte[] bytes) {
        byte[] copy = bytes.clone();
        copy[5] ^= 1;
        return copy;
    }
}
