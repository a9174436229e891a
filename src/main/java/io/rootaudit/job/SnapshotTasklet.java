package io.rootaudit.job;

import io.rootaudit.compliance.AccountStatus;
import io.rootaudit.config.RootAuditProperties;
import io.rootaudit.organization.Account;
import io.rootaudit.organization.OrganizationDirectory;
import io.rootaudit.organization.OrganizationDirectory.OuTree;
import io.rootaudit.store.RunRecord;
import io.rootaudit.store.RunStore;
import io.rootaudit.store.RunStore.Settled;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Fixes the set of accounts a run audits: walks the OU tree once, keeps the accounts in scope, reads their
 * tags, and stores them with the run. A restarted run audits exactly this set, and the report can say how
 * many accounts were in scope. The management account and inactive accounts are settled here.
 */
class SnapshotTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(SnapshotTasklet.class);
    private static final int TAG_READERS = 8;

    private final String runId;
    private final RunStore store;
    private final OrganizationDirectory directory;
    private final RootAuditProperties.Scope scope;

    SnapshotTasklet(String runId, RunStore store, OrganizationDirectory directory, RootAuditProperties.Scope scope) {
        this.runId = runId;
        this.store = store;
        this.directory = directory;
        this.scope = scope;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        if (store.hasSnapshot(runId)) {
            log.info("Account snapshot of run {} already taken: {} accounts", runId, store.countAccounts(runId));
            return RepeatStatus.FINISHED;
        }
        RunRecord run = store.run(runId).orElseThrow();
        OuTree tree = directory.readOuTree();
        for (String ou : scope.organizationalUnits()) {
            if (!tree.contains(ou)) {
                throw new IllegalStateException("rootaudit.scope.organizational-units: " + ou
                        + " is not an OU or root of organization " + run.organizationId());
            }
        }
        List<Account> accounts = new ArrayList<>();
        directory.accountsUnder(tree, tree.subtree(scope.organizationalUnits()), a -> {
            if (inScope(a.id())) {
                accounts.add(a);
            }
        });
        List<Account> tagged = scope.readTags() ? withTags(accounts) : accounts;
        Map<String, Settled> settled = new HashMap<>();
        for (Account a : tagged) {
            if (a.id().equals(run.managementAccountId())) {
                settled.put(a.id(), new Settled(AccountStatus.NOT_APPLICABLE, "management account: sts:AssumeRoot cannot "
                        + "target it; attest its root user from inside the account (iam:GetAccountSummary)"));
            } else if (!a.isActive()) {
                settled.put(a.id(), new Settled(AccountStatus.SKIPPED, "account state is " + a.state()));
            }
        }
        store.insertSnapshot(runId, tagged, settled);
        log.info("Account snapshot of run {}: {} accounts in scope, {} to audit", runId, tagged.size(),
                tagged.size() - settled.size());
        return RepeatStatus.FINISHED;
    }

    private boolean inScope(String accountId) {
        return (scope.includeAccounts().isEmpty() || scope.includeAccounts().contains(accountId))
                && !scope.excludeAccounts().contains(accountId);
    }

    /** Tags cost one call per account; eight readers in parallel keep it short without crowding Organizations. */
    private List<Account> withTags(List<Account> accounts) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(TAG_READERS);
        try {
            List<Future<Account>> futures = new ArrayList<>();
            for (Account a : accounts) {
                futures.add(pool.submit(() -> a.withTags(directory.tags(a.id()))));
            }
            List<Account> result = new ArrayList<>(accounts.size());
            for (Future<Account> f : futures) {
                result.add(f.get());
            }
            return result;
        } finally {
            pool.shutdownNow();
        }
    }
}
