package io.rootaudit.audit;

import io.rootaudit.aws.SdkPojos;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.SdkPojo;

/**
 * Turns an AWS SDK model object into plain maps and lists using the SDK's own field metadata, so evidence
 * keeps AWS's field names and values without a hand-written mapping per response. None of the audit's
 * responses carries a secret; fields that could (by name) are dropped anyway, as a second line of defence.
 */
final class SdkFields {

    private static final Set<String> NEVER_KEPT = Set.of("SecretAccessKey", "SessionToken", "Password", "PrivateKey",
            "Credentials", "CertificateBody", "Base32StringSeed", "QRCodePNG");

    private SdkFields() {}

    static Map<String, Object> toMap(SdkPojo pojo) {
        return SdkPojos.toMap(pojo, name -> !NEVER_KEPT.contains(name));
    }
}
