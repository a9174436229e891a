package io.rootaudit.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import java.util.Set;

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
        Map<String, Object> map = new LinkedHashMap<>();
        for (SdkField<?> field : pojo.sdkFields()) {
            if (NEVER_KEPT.contains(field.memberName())) {
                continue;
            }
            Object value = plain(field.getValueOrDefault(pojo));
            if (value != null) {
                map.put(field.memberName(), value);
            }
        }
        return map;
    }

    private static Object plain(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof SdkPojo pojo) {
            return toMap(pojo);
        }
        if (value instanceof Collection<?> c) {
            if (c instanceof software.amazon.awssdk.core.util.SdkAutoConstructList<?>) {
                return null;
            }
            List<Object> list = new ArrayList<>();
            c.forEach(v -> list.add(plain(v)));
            return list;
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), plain(v)));
            return out;
        }
        if (value instanceof Instant i) {
            return i.toString();
        }
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        return value.toString();
    }
}
