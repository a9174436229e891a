"""KMS as AWS signs: RSASSA-PSS with a salt as long as the digest.

moto 5.2.1 serves asymmetric KMS keys (CreateKey with KeyUsage SIGN_VERIFY, Sign, Verify,
GetPublicKey, DescribeKey) but signs RSASSA_PSS_* with the longest salt the key allows.
AWS KMS uses a salt of the digest's length (32 bytes for RSASSA_PSS_SHA_256; see "Signing
algorithms" in the KMS developer guide), and verifiers that follow the KMS documentation
(java.security RSASSA-PSS with a 32-byte salt, OpenSSL with ``-pkeyopt rsa_pss_saltlen:32``)
reject moto's signatures. The patch changes only the salt length; ECDSA and PKCS #1 v1.5
are untouched.
"""

from cryptography.hazmat.primitives.asymmetric import padding
from moto.kms import utils

_MANGLED = "_RSAPrivateKey__padding_and_hash_algorithm"


def install():
    original = getattr(utils.RSAPrivateKey, _MANGLED)

    def padding_and_hash_algorithm(self, signing_algorithm):
        pad, algorithm = original(self, signing_algorithm)
        if isinstance(pad, padding.PSS):
            pad = padding.PSS(mgf=padding.MGF1(algorithm), salt_length=padding.PSS.DIGEST_LENGTH)
        return pad, algorithm

    setattr(utils.RSAPrivateKey, _MANGLED, padding_and_hash_algorithm)
