package io.rootaudit.compliance.rules;

import io.rootaudit.audit.RootCredentialInventory.AccessKey;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/** Shared wording of finding details, so that every rule describes a credential the same way. */
final class Describe {

    private Describe() {}

    /** The UTC calendar day of an instant, or "unknown". */
    static String day(Instant instant) {
        return instant == null ? "unknown" : instant.atOffset(ZoneOffset.UTC).toLocalDate().toString();
    }

    /** "90 days" for whole days, else the ISO-8601 duration. */
    static String window(Duration window) {
        return window.toSeconds() % 86_400 == 0 ? window.toDays() + " days" : window.toString();
    }

    /** "last used 2026-10-01 (s3, us-east-1)" or "never used". */
    static String lastUse(AccessKey key) {
        if (key.lastUsedAt() == null) {
            return "never used";
        }
        StringBuilder text = new StringBuilder("last used ").append(day(key.lastUsedAt()));
        String where = join(key.lastUsedService(), key.lastUsedRegion());
        if (!where.isEmpty()) {
            text.append(" (").append(where).append(')');
        }
        return text.toString();
    }

    private static String join(String service, String region) {
        boolean hasService = isKnown(service);
        boolean hasRegion = isKnown(region);
        if (hasService && hasRegion) {
            return service + ", " + region;
        }
        return hasService ? service : hasRegion ? region : "";
    }

    private static boolean isKnown(String value) {
        return value != null && !value.isBlank() && !"N/A".equals(value);
    }
}
