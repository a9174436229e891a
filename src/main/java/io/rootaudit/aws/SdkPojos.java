package io.rootaudit.aws;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.util.SdkAutoConstructList;

/**
 * An AWS SDK model object as plain maps and lists, by the SDK's own field metadata and with AWS's member names: what
 * the evidence keeps of a response, and what a request weighs on the wire (Security Hub limits findings by size).
 */
public final class SdkPojos {

    private SdkPojos() {}

    /**
     * @param keep which members to keep, by name, at every depth; the others are left out with their values
     */
    public static Map<String, Object> toMap(SdkPojo pojo, Predicate<String> keep) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (SdkField<?> field : pojo.sdkFields()) {
            if (!keep.test(field.memberName())) {
                continue;
            }
            Object value = plain(field.getValueOrDefault(pojo), keep);
            if (value != null) {
                map.put(field.memberName(), value);
            }
        }
        return map;
    }

    private static Object plain(Object value, Predicate<String> keep) {
        if (value == null) {
            return null;
        }
        if (value instanceof SdkPojo pojo) {
            return toMap(pojo, keep);
        }
        if (value instanceof Collection<?> c) {
            if (c instanceof SdkAutoConstructList<?>) {
                return null;
            }
            List<Object> list = new ArrayList<>();
            c.forEach(v -> list.add(plain(v, keep)));
            return list;
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), plain(v, keep)));
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
