package io.rootaudit.job;

import io.rootaudit.compliance.AccountStatus;
import io.rootaudit.config.RootAuditProperties;
import io.rootaudit.organization.Account;
import io.rootaudit.organization.AccountScope;
import io.rootaudit.organization.OrganizationDirectory;
import io.rootaudit.organization.OrganizationDirectory.OuTree;
import io.rootaudit.store.AccountResultStore;
import io.rootaudit.store.AccountResultStore.Settled;
import io.rootaudit.store.RunRecord;
import io.rootaudit.store.RunStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Fixes the set of accounts a run audits: walks the OU tree once, keeps the accounts in scope and stores them
 * with the run, then reads their tags (resumably: a restart reads only the tags still missing). A restarted run
 * audits exactly this set, and the report can say how many accounts were in scope. Inactive accounts are settled here,
 * and so is the management account when its root cannot be read ({@link ManagementRootAccess}).
 */
class SnapshotTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(SnapshotTasklet.class);

    private final String runId;
    private final RunStore runs;
    private final AccountResultStore accounts;
    private final OrganizationDirectory directory;
    private final RootAuditProperties.Scope scope;
    private final AccountTagReader tags;
    private final ManagementRootAccess managementRoot;
    private boolean snapshotKnown;

    SnapshotTasklet(String runId, RunStore runs, AccountResultStore accounts, OrganizationDirectory directory, RootAuditProperties.Scope scope,
                    AccountTagReader tags, ManagementRootAccess managementRoot) {
        this.managementRoot = managementRoot;
        this.runId = runId;
        this.runs = runs;
        this.accounts = accounts;
        this.directory = directory;
        this.scope = scope;
        this.tags = tags;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        if (!accounts.hasSnapshot(runId)) {
            takeSnapshot();
            snapshotKnown = true;
            return RepeatStatus.CONTINUABLE; // commits the snapshot before the slow part, the tags
        }
        if (!snapshotKnown) {
            snapshotKnown = true;
            log.info("Account snapshot of run {} already taken: {} accounts", runId, accounts.countAccounts(runId));
        }
        try {
            return RepeatStatus.continueIf(tags.readNextBatch(runId)); // each batch in its own transaction
        } catch (RuntimeException | InterruptedException e) {
            tags.close();
            throw e;
        }
    }

    private void takeSnapshot() {
        RunRecord run = runs.run(runId).orElseThrow();
        OuTree tree = directory.readOuTree();
        for (String ou : scope.organizationalUnits()) {
            if (!tree.contains(ou)) {
                throw new IllegalStateException("rootaudit.scope.organizational-units: " + ou
                        + " is not an OU or root of organization " + run.organizationId());
            }
        }
        List<Account> inScope = new ArrayList<>();
        AccountScope scoped = new AccountScope(scope);
        directory.accountsUnder(tree, tree.subtree(scope.organizationalUnits()), a -> {
            if (scoped.includes(a)) {
                inScope.add(a);
            }
        });
        Map<String, Settled> settled = new HashMap<>();
        for (Account a : inScope) {
            if (a.id().equals(run.managementAccountId()) && !managementRoot.possible(run)) {
                settled.put(a.id(), new Settled(AccountStatus.NOT_APPLICABLE, ManagementRootAccess.NOT_ASSESSED));
            } else if (!a.isActive()) {
                settled.put(a.id(), new Settled(AccountStatus.SKIPPED, "account state is " + a.state()));
            }
        }
        accounts.insertSnapshot(runId, inScope, settled, scope.readTags());
        log.info("Account snapshot of run {}: {} accounts in scope, {} to audit", runId, inScope.size(),
                inScope.size() - settled.size());
    }

}
