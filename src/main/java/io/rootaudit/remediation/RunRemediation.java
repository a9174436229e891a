package io.rootaudit.remediation;

import io.rootaudit.audit.CollectionResult;
import io.rootaudit.audit.RootCredentialCollector;
import io.rootaudit.audit.RootCredentialInventory;
import io.rootaudit.compliance.AccountStatus;
import io.rootaudit.config.RootAuditProperties;
import io.rootaudit.organization.AccountScope;
import io.rootaudit.config.RootAuditProperties.Remediation.Mode;
import io.rootaudit.organization.Account;
import io.rootaudit.remediation.RemediationLog.Entry;
import io.rootaudit.store.AccountResultStore;
import io.rootaudit.store.RunRecord;
import io.rootaudit.store.RunStore;
import io.rootaudit.store.StoredAccount;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The remediation step of a run. First a plan, stored whole: which NON_COMPLIANT accounts are eligible (inside
 * the remediation scope, never the management account, no exception, no recovery in progress) and, when more
 * are eligible than the limit, that nothing will be deleted and why. Then each eligible account in turn: dry run
 * records the actions; apply deletes through {@link RootCredentialRemover} and re-audits with the audit task to
 * prove the result. A resumed run continues with the accounts not yet finished.
 */
@Component
public class RunRemediation {

    private static final Logger log = LoggerFactory.getLogger(RunRemediation.class);

    private final RunStore runs;
    private final AccountResultStore accounts;
    private final RemediationLog remediationLog;
    private final RootCredentialRemover remover;
    private final RootCredentialCollector collector;
    private final RootAuditProperties.Remediation settings;
    private final RecoveryInProgress recovery;
    private final Clock clock;

    RunRemediation(RunStore runs, AccountResultStore accounts, RemediationLog remediationLog, RootCredentialRemover remover,
                   RootCredentialCollector collector, RootAuditProperties properties, RecoveryInProgress recovery,
                   Clock clock) {
        this.recovery = recovery;
        this.runs = runs;
        this.accounts = accounts;
        this.remediationLog = remediationLog;
        this.remover = remover;
        this.collector = collector;
        this.settings = properties.remediation();
        this.clock = clock;
    }

    public boolean enabled() {
        return settings.enabled();
    }

    public void run(String runId) {
        if (!settings.enabled()) {
            return;
        }
        RunRecord run = runs.run(runId).orElseThrow();
        if (!remediationLog.hasPlan(runId)) {
            plan(run);
        }
        List<Entry> pending = remediationLog.entries(runId).stream()
                .filter(e -> e.decision() == RemediationDecision.PENDING).toList();
        long start = System.nanoTime();
        int done = 0;
        for (Entry e : pending) {
            process(runId, e);
            done++;
            double seconds = Math.max((System.nanoTime() - start) / 1e9, 0.001);
            log.info("Remediation progress: {}/{} accounts, {} accounts/min, ETA {} s", done, pending.size(),
                    String.format(java.util.Locale.ROOT, "%.1f", done * 60 / seconds),
                    Math.round((pending.size() - done) * seconds / done));
        }
        if (!pending.isEmpty()) {
            log.info("Remediation step finished: {} accounts processed in {} s", pending.size(),
                    Math.round((System.nanoTime() - start) / 1e9));
        }
    }

    private void plan(RunRecord run) {
        Set<String> excepted = new HashSet<>();
        accounts.forEachFinding(run.runId(), f -> {
            if (f.excepted()) {
                excepted.add(f.accountId());
            }
        });
        Instant now = clock.instant();
        String mode = settings.mode().name();
        List<Entry> eligible = new ArrayList<>();
        List<Entry> skipped = new ArrayList<>();
        accounts.forEachAccount(run.runId(), a -> {
            String id = a.account().id();
            boolean candidate = a.status() == AccountStatus.NON_COMPLIANT || a.status() == AccountStatus.EXCEPTED;
            if (!candidate || id.equals(run.managementAccountId()) || !new AccountScope(settings.scope()).includes(a.account())) {
                return;
            }
            if (a.status() == AccountStatus.EXCEPTED || excepted.contains(id)) {
                skipped.add(entry(run, a, mode, RemediationDecision.SKIPPED_EXCEPTED,
                        "an exception covers at least one finding of this account", now));
            } else if (recovery.applies(a.inventory(), now)) {
                skipped.add(entry(run, a, mode, RemediationDecision.SKIPPED_RECOVERY_IN_PROGRESS,
                        "root password created " + a.inventory().password().createdAt() + ", within the grace period of "
                                + settings.gracePeriod() + ": a recovery in progress is left alone", now));
            } else {
                eligible.add(entry(run, a, mode, RemediationDecision.PENDING, null, now));
            }
        });
        List<Entry> plan = new ArrayList<>(skipped);
        if (eligible.size() > settings.maxAccounts()) {
            String reason = eligible.size() + " accounts are eligible, more than rootaudit.remediation.max-accounts="
                    + settings.maxAccounts() + ": nothing was deleted in this run (raise the limit or narrow "
                    + "rootaudit.remediation.scope)";
            log.warn("Remediation of run {}: {}", run.runId(), reason);
            eligible.forEach(e -> plan.add(new Entry(e.runId(), e.accountId(), mode, RemediationDecision.SKIPPED_LIMIT_EXCEEDED,
                    reason, e.before(), null, now)));
        } else {
            plan.addAll(eligible);
        }
        remediationLog.savePlan(plan);
        log.info("Remediation plan of run {} ({}): {} eligible, {} skipped", run.runId(), mode,
                eligible.size() > settings.maxAccounts() ? 0 : eligible.size(), plan.size() - eligible.size());
    }



    private static Entry entry(RunRecord run, StoredAccount a, String mode, RemediationDecision decision, String reason,
                               Instant now) {
        return new Entry(run.runId(), a.account().id(), mode, decision, reason, a.inventory(), null, now);
    }

    private void process(String runId, Entry e) {
        List<RemediationAction> plan = RootCredentialRemover.plan(e.accountId(), e.before(), clock.instant());
        // the plan's mode, not today's setting: a dry run resumed with apply configured must not start deleting
        if (Mode.valueOf(e.mode()) == Mode.DRY_RUN) {
            remover.record(runId, plan);
            remediationLog.finish(runId, e.accountId(), RemediationDecision.PLANNED,
                    "dry run: " + plan.size() + " actions recorded, nothing changed", null, clock.instant());
            return;
        }
        Outcome outcome = applyAndVerify(runId, e.accountId(), plan, remover, collector);
        remediationLog.finish(runId, e.accountId(), outcome.decision(), outcome.reason(), outcome.after(), clock.instant());
    }

    /** The result of applying a plan and re-auditing the account. */
    public record Outcome(RemediationDecision decision, String reason, RootCredentialInventory after) {}

    /** Applies the plan, then proves the result with a fresh audit-task session. */
    public static Outcome applyAndVerify(String logId, String accountId, List<RemediationAction> plan,
                                         RootCredentialRemover remover, RootCredentialCollector collector) {
        List<RemediationAction> done;
        try {
            done = remover.apply(logId, accountId, plan);
        } catch (software.amazon.awssdk.core.exception.SdkException e) {
            // AssumeRoot with the delete task was refused: nothing could be deleted
            return new Outcome(RemediationDecision.FAILED, "could not open an IAMDeleteRootUserCredentials session: "
                    + e.getMessage(), null);
        }
        List<String> failed = done.stream().filter(a -> a.status() == RemediationAction.Status.FAILED)
                .map(a -> a.type() + " " + a.target() + " (" + a.detail() + ")").toList();
        CollectionResult after = collector.collect(accountId);
        if (!after.succeeded()) {
            return new Outcome(RemediationDecision.FAILED, "re-audit failed: " + after.error().code() + ": "
                    + after.error().message(), null);
        }
        if (!failed.isEmpty()) {
            return new Outcome(RemediationDecision.FAILED, "failed: " + String.join("; ", failed), after.inventory());
        }
        if (!after.inventory().isCredentialLess()) {
            return new Outcome(RemediationDecision.FAILED, "the re-audit still finds root credentials", after.inventory());
        }
        return new Outcome(RemediationDecision.REMEDIATED, done.size() + " actions; the re-audit finds no root credential",
                after.inventory());
    }
}
