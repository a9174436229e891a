package io.rootaudit.report;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Offline verification of a pack's signature with java.security alone, so an auditor needs no AWS access: the
 * public key in PEM ({@code -----BEGIN PUBLIC KEY-----}, X.509 SubjectPublicKeyInfo, as {@code kms:GetPublicKey}
 * returns it in DER) and the two KMS algorithms rootaudit signs with, as KMS defines them: ECDSA with SHA-256
 * (DER signature), and RSASSA-PSS with SHA-256, MGF1 with SHA-256 and a 32-byte salt.
 */
final class Signatures {

    private static final String BEGIN = "-----BEGIN PUBLIC KEY-----";
    private static final String END = "-----END PUBLIC KEY-----";

    private Signatures() {}

    /** The PEM text of a DER public key, 64 characters a line. */
    static String pem(byte[] der) {
        return BEGIN + "\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der) + "\n" + END + "\n";
    }

    /**
     * Reads a PEM public key, EC or RSA.
     *
     * @throws GeneralSecurityException when the text is no PEM public key of either kind
     */
    static PublicKey readPem(String text) throws GeneralSecurityException {
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new GeneralSecurityException("no '" + BEGIN + "' block");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(text.substring(begin + BEGIN.length(), end));
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("the key is not base64: " + e.getMessage(), e);
        }
        GeneralSecurityException last = null;
        for (String kind : new String[] {"EC", "RSA"}) {
            try {
                return KeyFactory.getInstance(kind).generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw new GeneralSecurityException("not an EC or RSA public key", last);
    }

    /**
     * Whether {@code signature} of {@code message} verifies with {@code key} under the KMS {@code algorithm}.
     *
     * @throws GeneralSecurityException when the algorithm is not one rootaudit signs with, or does not fit the key
     */
    static boolean verify(PublicKey key, String algorithm, byte[] message, byte[] signature) throws GeneralSecurityException {
        Signature verifier;
        if (PackSignature.ECDSA_SHA_256.equals(algorithm) && key.getAlgorithm().equals("EC")) {
            verifier = Signature.getInstance("SHA256withECDSA");
        } else if (PackSignature.RSASSA_PSS_SHA_256.equals(algorithm) && key.getAlgorithm().equals("RSA")) {
            verifier = Signature.getInstance("RSASSA-PSS");
            verifier.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
        } else {
            throw new GeneralSecurityException("the algorithm " + algorithm + " does not fit a " + key.getAlgorithm()
                    + " key; rootaudit signs with " + PackSignature.ECDSA_SHA_256 + " (EC P-256) or "
                    + PackSignature.RSASSA_PSS_SHA_256 + " (RSA)");
        }
        verifier.initVerify(key);
        verifier.update(message);
        try {
            return verifier.verify(signature);
        } catch (java.security.SignatureException e) {
            return false; // a malformed signature (not DER, wrong length) does not verify
        }
    }
}
