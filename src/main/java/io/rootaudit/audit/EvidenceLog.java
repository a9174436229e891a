package io.rootaudit.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The API responses an account's result was derived from, in call order, kept as evidence so an auditor
 * can trace every verdict back to what AWS answered. Thread-safe: one account's calls run concurrently.
 * Never holds credentials: AssumeRoot is recorded by its request and expiration only.
 */
public final class EvidenceLog {

    private final List<Entry> entries = Collections.synchronizedList(new ArrayList<>());

    /**
     * One call.
     *
     * @param api for example {@code iam:GetLoginProfile}
     * @param request the parameters that identify what was asked (never credentials)
     * @param response the response fields, or {@code null} on error
     * @param error {@code {code, message}} of a failed call, or {@code null}
     */
    public record Entry(String api, Instant at, String requestId, Map<String, Object> request,
                        Map<String, Object> response, Map<String, String> error) {}

    void add(Entry entry) {
        entries.add(entry);
    }

    public List<Entry> entries() {
        synchronized (entries) {
            return List.copyOf(entries);
        }
    }
}
