package io.rootaudit.notify;

import java.util.List;

/**
 * What putting a run's events came to.
 *
 * @param events how many events there were
 * @param sent how many EventBridge accepted
 * @param failures one line per event that was not accepted after its retries: its detail-type, what it is about
 *     (ids only) and the last error; empty when every event was sent
 */
public record Delivery(int events, int sent, List<String> failures) {

    public Delivery {
        failures = List.copyOf(failures);
    }

    public boolean complete() {
        return failures.isEmpty();
    }
}
