package io.rootaudit.job;

import io.rootaudit.audit.CollectionResult;
import io.rootaudit.audit.RootCredentialCollector;
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
 * account can never abort the run.
 */
class AuditAccountProcessor implements ItemProcessor<String, AccountResult> {

    private final RootCredentialCollector collector;
    private final RuleCatalog catalog;
    private final AccountScorer scorer;
    private final ExceptionRegister exceptions;
    private final Duration recentUseWindow;
    private final Clock clock;
    private final RecoveryInProgress recovery;

    AuditAccountProcessor(RootCredentialCollector collector, RuleCatalog catalog, AccountScorer scorer,
                          ExceptionRegister exceptions, Duration recentUseWindow, RecoveryInProgress recovery, Clock clock) {
        this.recovery = recovery;
        this.collector = collector;
        this.catalog = catalog;
        this.scorer = scorer;
        this.exceptions = exceptions;
        this.recentUseWindow = recentUseWindow;
        this.clock = clock;
    }

    @Override
    public AccountResult process(String accountId) {
        CollectionResult collected = collector.collect(accountId);
        Instant now = clock.instant();
        if (!collected.succeeded()) {
            return new AccountResult(accountId, AccountStatus.ERROR, null, null, null, collected.error(),
                    collected.evidence().entries(), List.of(), now);
        }
        var findings = catalog.evaluate(collected.inventory(), new RuleContext(now, recentUseWindow));
        Assessment assessment = scorer.assess(accountId, findings, exceptions, LocalDate.ofInstant(now, ZoneOffset.UTC));
        return new AccountResult(accountId, assessment.status(), recovery.reason(accountId, collected.inventory(), now),
                assessment.highestSeverity(), collected.inventory(), null,
                collected.evidence().entries(), assessment.findings(), now);
    }
}
