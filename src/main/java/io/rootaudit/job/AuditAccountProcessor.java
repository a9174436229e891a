package io.rootaudit.job;

import io.rootaudit.audit.CollectionResult;
import io.rootaudit.audit.ManagementRootCollector;
import io.rootaudit.audit.RootCredentialCollector;
import io.rootaudit.compliance.AccountKind;
import io.rootaudit.compliance.AccountStatus;
import io.rootaudit.compliance.Assessment;
import io.rootaudit.compliance.ExceptionRegister;
import io.rootaudit.compliance.RuleCatalog;
import io.rootaudit.compliance.RuleContext;
import io.rootaudit.remediation.RecoveryInProgress;
import io.rootaudit.compliance.AccountScorer;
import io.rootaudit.store.AccountResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Audits and scores one account. Runs on many threads at once (the step's task executor); it holds no
 * state of its own, and a failed account comes out as an ERROR verdict instead of an exception, so one
 * account can never abort the run. The management account's root, when the snapshot left it to audit, is read from
 * inside that account and held to the rules of its kind.
 */
class AuditAccountProcessor implements ItemProcessor<String, AccountResult> {

    private final RootCredentialCollector collector;
    private final ManagementRoot management;
    private final RuleCatalog catalog;
    private final AccountScorer scorer;
    private final ExceptionRegister exceptions;
    private final Duration recentUseWindow;
    private final Clock clock;
    private final RecoveryInProgress recovery;

    AuditAccountProcessor(RootCredentialCollector collector, ManagementRoot management, RuleCatalog catalog,
                          AccountScorer scorer, ExceptionRegister exceptions, Duration recentUseWindow,
                          RecoveryInProgress recovery, Clock clock) {
        this.management = management;
        this.recovery = recovery;
        this.collector = collector;
        this.catalog = catalog;
        this.scorer = scorer;
        this.exceptions = exceptions;
        this.recentUseWindow = recentUseWindow;
        this.clock = clock;
    }

    /**
     * The management account, and how its root is read.
     *
     * @param viaRole through rootaudit.management-account.role-arn, else with the caller's own credentials
     */
    record ManagementRoot(String accountId, ManagementRootCollector collector, boolean viaRole) {

        boolean is(String id) {
            return id.equals(accountId);
        }

        CollectionResult collect(String id) {
            return collector.collect(id, viaRole);
        }
    }

    @Override
    public AccountResult process(String accountId) {
        AccountKind kind = management.is(accountId) ? AccountKind.MANAGEMENT : AccountKind.MEMBER;
        CollectionResult collected = kind == AccountKind.MANAGEMENT ? management.collect(accountId)
                : collector.collect(accountId);
        Instant now = clock.instant();
        if (!collected.succeeded()) {
            return new AccountResult(accountId, AccountStatus.ERROR, null, null, null, collected.error(),
                    collected.evidence().entries(), List.of(), now);
        }
        var findings = catalog.evaluate(collected.inventory(), new RuleContext(now, recentUseWindow), kind);
        Assessment assessment = scorer.assess(accountId, findings, exceptions, LocalDate.ofInstant(now, ZoneOffset.UTC));
        return new AccountResult(accountId, assessment.status(), recovery.reason(accountId, collected.inventory(), now),
                assessment.highestSeverity(), collected.inventory(), null,
                collected.evidence().entries(), assessment.findings(), now);
    }
}
