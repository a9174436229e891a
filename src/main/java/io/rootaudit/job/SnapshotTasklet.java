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
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Fixes the set of accounts a run audits, a page of the listing at a time: walks the OU tree, keeps the accounts in
 * scope and stores each page with the run in its own transaction. The audit runs beside this step and starts on the
 * first page instead of waiting for the whole organization to be listed (a minute for 10,000 accounts at the
 * Organizations rate); a killed run lists again and stores only the accounts it had not stored. The run records when
 * the listing is complete, after which a restarted run audits exactly the stored set and the report can say how many
 * accounts were in scope. A scope that selects accounts by tag has their tags read first, so those accounts are stored
 * at once after the listing (a killed run reads them again). Inactive accounts are settled here, and so is the
 * management account when its root cannot be read ({@link ManagementRootAccess}).
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
    private final Clock clock;
    private final AccountScope scoped;
    // this step execution's listing: null before its first call
    private Iterator<List<Account>> pages;
    private RunRecord run;
    private Set<String> stored;

    SnapshotTasklet(String runId, RunStore runs, AccountResultStore accounts, OrganizationDirectory directory,
                    RootAuditProperties.Scope scope, AccountTagReader tags, TagReads tagReads,
                    ManagementRootAccess managementRoot, Clock clock) {
        this.runId = runId;
        this.runs = runs;
        this.accounts = accounts;
        this.directory = directory;
        this.scope = scope;
        this.tags = tags;
        this.tagReads = tagReads;
        this.managementRoot = managementRoot;
        this.clock = clock;
        this.scoped = new AccountScope(scope);
    }

    /** One page of the listing per call, each committed on its own; the last call records the snapshot as complete. */
    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        if (pages == null) {
            if (accounts.snapshotComplete(runId)) {
                log.info("Account snapshot of run {} already taken: {} accounts", runId, accounts.countAccounts(runId));
                return RepeatStatus.FINISHED;
            }
            startListing();
        }
        if (tagReads.forScope()) {
            storeAfterTagScope();
        } else if (pages.hasNext()) {
            store(pages.next().stream().filter(scoped::includesIgnoringTags).toList());
            return RepeatStatus.CONTINUABLE;
        }
        accounts.completeSnapshot(runId, clock.instant());
        log.info("Account snapshot of run {}: {} accounts in scope", runId, stored.size());
        return RepeatStatus.FINISHED;
    }

    private void startListing() {
        run = runs.run(runId).orElseThrow();
        OuTree tree = directory.readOuTree();
        for (String ou : scope.organizationalUnits()) {
            if (!tree.contains(ou)) {
                throw new IllegalStateException("rootaudit.scope.organizational-units: " + ou
                        + " is not an OU or root of organization " + run.organizationId());
            }
        }
        stored = accounts.snapshotAccountIds(runId);
        if (!stored.isEmpty()) {
            log.info("Listing organization {} again for run {}: {} accounts were stored before it was interrupted",
                    run.organizationId(), runId, stored.size());
        }
        pages = directory.accountPages(tree, tree.subtree(scope.organizationalUnits()));
    }

    private void storeAfterTagScope() throws InterruptedException {
        List<Account> candidates = new ArrayList<>();
        pages.forEachRemaining(page -> page.stream().filter(scoped::includesIgnoringTags).forEach(candidates::add));
        Map<String, Map<String, String>> read = tags.readAll(candidates.stream().map(Account::id).toList(),
                "to apply the tag scope, before the audit");
        List<Account> inScope = candidates.stream().map(a -> a.withTags(read.get(a.id()))).filter(scoped::includes).toList();
        log.info("Tag scope (include {}, exclude {}): {} of {} accounts in scope", scope.includeTags(),
                scope.excludeTags(), inScope.size(), candidates.size());
        store(inScope);
    }

    /** Stores the accounts not stored yet (a listing repeated after a kill, an account seen twice while it moved). */
    private void store(List<Account> listed) {
        List<Account> fresh = new ArrayList<>();
        Map<String, Settled> settled = new HashMap<>();
        for (Account a : listed) {
            if (!stored.add(a.id())) {
                continue;
            }
            fresh.add(a);
            if (a.id().equals(run.managementAccountId()) && !managementRoot.possible(run)) {
                settled.put(a.id(), new Settled(AccountStatus.NOT_APPLICABLE, ManagementRootAccess.NOT_ASSESSED));
            } else if (!a.isActive()) {
                settled.put(a.id(), new Settled(AccountStatus.SKIPPED, "account state is " + a.state()));
            }
        }
        if (!fresh.isEmpty()) {
            accounts.appendToSnapshot(runId, fresh, settled, tagReads.forLabels());
        }
    }
}
