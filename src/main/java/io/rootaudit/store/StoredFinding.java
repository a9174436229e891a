package io.rootaudit.store;

import io.rootaudit.compliance.Severity;

/** A finding as stored for one account of a run; {@code exceptionReference} is null unless excepted. */
public record StoredFinding(String accountId, String ruleId, Severity severity, String detail, String resource,
                            String exceptionReference) {

    public boolean excepted() {
        return exceptionReference != null;
    }
}
