package io.rootaudit.application;

import java.util.List;

/**
 * What putting a completed run's events on the EventBridge bus came to.
 *
 * @param events how many events the run had
 * @param sent how many EventBridge accepted
 * @param failures why events were not put (one line each, ids only), or why none could be built; empty unless
 *     {@code FAILED}
 */
public record NotifyOutcome(Kind kind, String eventBus, int events, int sent, List<String> failures) {

    public enum Kind {
        /** Every event was put on the bus. */
        SENT,
        /** No event bus is configured. */
        NOT_CONFIGURED,
        /** Some or all events were not put, after retries; the evidence pack is complete. */
        FAILED
    }

    public NotifyOutcome {
        failures = List.copyOf(failures);
    }

    static NotifyOutcome notConfigured() {
        return new NotifyOutcome(Kind.NOT_CONFIGURED, null, 0, 0, List.of());
    }
}
