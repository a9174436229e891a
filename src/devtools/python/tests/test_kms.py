"""KMS signing keys, as signed evidence uses them: sign, verify, and verify offline with the public key."""

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding
from cryptography.hazmat.primitives.serialization import load_der_public_key

from .support import EmulatorTestCase, client

MESSAGE = b'{"runId":"2026-11-1-abcdef","artifacts":[]}'


class KmsSigningTest(EmulatorTestCase):
    def signed(self, spec, algorithm):
        kms = client("kms")
        key = kms.create_key(KeyUsage="SIGN_VERIFY", KeySpec=spec)["KeyMetadata"]
        self.assertEqual(("Enabled", "SIGN_VERIFY", spec), (key["KeyState"], key["KeyUsage"], key["KeySpec"]))
        signature = kms.sign(KeyId=key["Arn"], Message=MESSAGE, MessageType="RAW",
                             SigningAlgorithm=algorithm)["Signature"]
        self.assertTrue(kms.verify(KeyId=key["Arn"], Message=MESSAGE, MessageType="RAW", Signature=signature,
                                   SigningAlgorithm=algorithm)["SignatureValid"])
        public = load_der_public_key(kms.get_public_key(KeyId=key["Arn"])["PublicKey"])
        return public, signature

    def test_ecdsa_p256_signatures_verify_offline(self):
        public, signature = self.signed("ECC_NIST_P256", "ECDSA_SHA_256")
        public.verify(signature, MESSAGE, ec.ECDSA(hashes.SHA256()))
        with self.assertRaises(InvalidSignature):
            public.verify(signature, MESSAGE + b" ", ec.ECDSA(hashes.SHA256()))

    def test_rsa_pss_signatures_have_the_salt_length_aws_uses(self):
        public, signature = self.signed("RSA_2048", "RSASSA_PSS_SHA_256")
        # AWS KMS: salt as long as the digest (32 bytes); moto alone uses the longest salt the key allows
        public.verify(signature, MESSAGE, padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=32), hashes.SHA256())
        with self.assertRaises(InvalidSignature):
            public.verify(signature, MESSAGE + b" ", padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=32),
                          hashes.SHA256())

    def test_a_failed_verification_says_so(self):
        # AWS raises KMSInvalidSignatureException; moto answers SignatureValid false. rootaudit treats both as a
        # signature that does not verify.
        kms = client("kms")
        key = kms.create_key(KeyUsage="SIGN_VERIFY", KeySpec="ECC_NIST_P256")["KeyMetadata"]
        signature = kms.sign(KeyId=key["Arn"], Message=MESSAGE, MessageType="RAW",
                             SigningAlgorithm="ECDSA_SHA_256")["Signature"]
        self.assertFalse(kms.verify(KeyId=key["Arn"], Message=MESSAGE + b" ", MessageType="RAW", Signature=signature,
                                    SigningAlgorithm="ECDSA_SHA_256")["SignatureValid"])
