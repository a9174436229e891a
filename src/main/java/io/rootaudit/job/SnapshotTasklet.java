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
 * with the run. A scope that selects accounts by tag has their tags read first; a killed run reads them again, since
 * nothing is stored before the scope is known. A restarted run audits exactly the stored set, and the report can say
 * how many accounts were in scope. Inactive accounts are settled here, and so is the management account when its root
 * cannot be read ({@link ManagementRootAccess}).
 */
class SnapshotTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(SnapshotTasklet.class);

    private final String runId;
    private final RunStore runs;
    private final AccountResultStore accounts;
    private final OrganizationDirectory directory;
    private final RootAuditProperties.Scope scope;
    private final AccountTagReader tags;
    private final TagReads tagReads;
    private final ManagementRootAccess managementRoot;

    SnapshotTasklet(String runId, RunStore runs, AccountResultStore accounts, OrganizationDirectory directory, RootAuditProperties.Scope scope,
                    AccountTagReader tags, TagReads tagReads, ManagementRootAccess managementRoot) {
        this.tagReads = tagReads;
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
        if (accounts.hasSnapshot(runId)) {
            log.info("Account snapshot of run {} already taken: {} accounts", runId, accounts.countAccounts(runId));
        } else {
            takeSnapshot();
        }
        return RepeatStatus.FINISHED;
    }

    private void takeSnapshot() throws InterruptedException {
        RunRecord run = runs.run(runId).orElseThrow();
        OuTree tree = directory.readOuTree();
        for (String ou : scope.organizationalUnits()) {
            if (!tree.contains(ou)) {
                throw new IllegalStateException("rootaudit.scope.organizational-units: " + ou
                        + " is not an OU or root of organization " + run.organizationId());
            }
        }
        List<Account> candidates = new ArrayList<>();
        AccountScope scoped = new AccountScope(scope);
        directory.accountsUnder(tree, tree.subtree(scope.organizationalUnits()), a -> {
            if (scoped.includesIgnoringTags(a)) {
                candidates.add(a);
            }
        });
        List<Account> inScope = candidates;
        if (tagReads.forScope()) {
            Map<String, Map<String, String>> read = tags.readAll(candidates.stream().map(Account::id).toList(),
                    "to apply the tag scope, before the audit");
            inScope = candidates.stream().map(a -> a.withTags(read.get(a.id()))).filter(scoped::includes).toList();
            log.info("Tag scope (include {}, exclude {}): {} of {} accounts in scope", scope.includeTags(),
                    scope.excludeTags(), inScope.size(), candidates.size());
        }
        Map<String, Settled> settled = new HashMap<>();
        for (Account a : inScope) {
            if (a.id().equals(run.managementAccountId()) && !managementRoot.possible(run)) {
                settled.put(a.id(), new Settled(AccountStatus.NOT_APPLICABLE, ManagementRootAccess.NOT_ASSESSED));
            } else if (!a.isActive()) {
                settled.put(a.id(), new Settled(AccountStatus.SKIPPED, "account state is " + a.state()));
            }
        }
        accounts.insertSnapshot(runId, inScope, settled, tagReads.forLabels());
        log.info("Account snapshot of run {}: {} accounts in scope, {} to audit", runId, inScope.size(),
                inScope.size() - settled.size());
    }

}
