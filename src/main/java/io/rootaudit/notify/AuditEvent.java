package io.rootaudit.notify;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One event of an audit, as it goes on the bus: its {@code detail-type}, its time and its {@code detail}, the JSON
 * object that EventBridge rules match on. Kept as plain maps and lists of strings and numbers, so that every JSON
 * writer gives the same document and the documented samples can be compared with it.
 *
 * @param subject what the event is about, for log lines and failure reports: ids only, never names (account names
 *     are untrusted text and go nowhere but the JSON detail)
 */
public record AuditEvent(String detailType, Instant time, Map<String, Object> detail, String subject) {

    public AuditEvent {
        detail = Collections.unmodifiableMap(new LinkedHashMap<>(detail));
    }
}
