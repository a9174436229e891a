package io.rootaudit.application;

import io.rootaudit.compliance.ComplianceSummary;
import io.rootaudit.store.AccountResultStore;
import io.rootaudit.store.RunRecord;
import io.rootaudit.store.RunStore;
import java.util.List;
import java.util.OptionalDouble;
import org.springframework.stereotype.Service;

/** {@code history}: the stored runs, newest first, each with its compliance rate. */
@Service
public class RunHistory {

    private final RunStore store;
    private final AccountResultStore accounts;

    RunHistory(RunStore store, AccountResultStore accounts) {
        this.store = store;
        this.accounts = accounts;
    }

    /** @param complianceRate empty when no account of the run was assessed */
    public record Entry(RunRecord run, OptionalDouble complianceRate) {}

    /** @param organizationId null for every organization */
    public List<Entry> runs(String organizationId) {
        return store.runs(organizationId).stream()
                .map(r -> new Entry(r, ComplianceSummary.rate(accounts.countByStatus(r.runId()))))
                .toList();
    }
}
