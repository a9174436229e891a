package io.rootaudit.job;

import io.rootaudit.audit.ManagementRootCollector;
import io.rootaudit.audit.RootCredentialCollector;
import io.rootaudit.aws.RateLimiters;
import io.rootaudit.compliance.ExceptionRegister;
import io.rootaudit.compliance.RuleCatalog;
import io.rootaudit.compliance.AccountScorer;
import io.rootaudit.config.RootAuditProperties;
import io.rootaudit.organization.OrganizationDirectory;
import io.rootaudit.remediation.RecoveryInProgress;
import io.rootaudit.remediation.RunRemediation;
import io.rootaudit.report.EvidencePack;
import io.rootaudit.store.AccountResult;
import io.rootaudit.store.AccountResultStore;
import io.rootaudit.store.RunRecord;
import io.rootaudit.store.RunStore;
import java.time.Clock;
import java.time.Duration;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.FlowBuilder;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.flow.Flow;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The monthly audit job: list the in-scope accounts into the run's snapshot while auditing them (many at once) as
 * they are stored, then read the tags that label them, remediate if configured, and write the run's evidence pack.
 * Every step is restartable: the listing stores only accounts not stored yet, the audit step only reads accounts still
 * without a verdict, and results are rebuilt from the store.
 */
@Configuration(proxyBeanMethods = false)
class AuditJobConfiguration {

    static final String JOB_NAME = "rootAuditJob";
    static final String RUN_ID = "runId";

    /**
     * Two flows side by side. One lists the organization into the snapshot, then reads the tags that only label
     * accounts; both go through the Organizations rate limit. The other audits the accounts as their pages are stored,
     * through STS and IAM, so it never waits for the listing or the tags, and the run takes as long as the longer of the
     * two. Remediation and the evidence pack wait for both; the pack's renderers are loaded while the accounts are
     * audited.
     */
    @Bean
    Job rootAuditJob(JobRepository jobs, Step snapshotStep, Step auditStep, Step tagsStep, Step remediationStep,
                     Step resultsStep, RateLimiters rateLimiters, EvidencePack pack) {
        Flow organization = new FlowBuilder<Flow>("organizationFlow").start(snapshotStep).next(tagsStep).build();
        Flow audit = new FlowBuilder<Flow>("auditFlow").start(auditStep).build();
        Flow listAndAudit = new FlowBuilder<Flow>("listAndAudit").split(new SimpleAsyncTaskExecutor("organization-"))
                .add(organization, audit).build();
        return new JobBuilder(JOB_NAME, jobs).start(listAndAudit).next(remediationStep).next(resultsStep)
                .end()
                .listener(new ThrottlingReport(rateLimiters))
                .listener(new PackWarmUp(pack))
                .build();
    }

    @Bean
    Step tagsStep(JobRepository jobs, PlatformTransactionManager tx, TagsTasklet tagsTasklet) {
        return new StepBuilder("tags", jobs).tasklet(tagsTasklet, tx).build();
    }

    @Bean
    @StepScope
    TagsTasklet tagsTasklet(@Value("#{jobParameters['runId']}") String runId, AccountResultStore accounts,
                            OrganizationDirectory directory) {
        return new TagsTasklet(runId, accounts, directory);
    }

    /** Off unless configured; records every action in its own transaction (see RemediationLog). */
    @Bean
    Step remediationStep(JobRepository jobs, PlatformTransactionManager tx, RunRemediation remediation) {
        return new StepBuilder("remediation", jobs).tasklet((contribution, context) -> {
            remediation.run(context.getStepContext().getJobParameters().get(RUN_ID).toString());
            return org.springframework.batch.infrastructure.repeat.RepeatStatus.FINISHED;
        }, tx).build();
    }

    @Bean
    Step snapshotStep(JobRepository jobs, PlatformTransactionManager tx, SnapshotTasklet snapshotTasklet,
                      SnapshotFailures failures) {
        return new StepBuilder("snapshot", jobs).tasklet(snapshotTasklet, tx).listener(failures).build();
    }

    @Bean
    @StepScope
    SnapshotTasklet snapshotTasklet(@Value("#{jobParameters['runId']}") String runId, RunStore runs,
                                    AccountResultStore accounts, OrganizationDirectory directory,
                                    RootAuditProperties properties, Clock clock) {
        return new SnapshotTasklet(runId, runs, accounts, directory, properties.scope(),
                new AccountTagReader(accounts, directory, Duration.ofSeconds(5)), TagReads.of(properties),
                new ManagementRootAccess(properties.managementAccount().hasRole()), clock);
    }

    /**
     * Items are processed concurrently inside each chunk (Spring Batch 6's concurrent chunk processing), while
     * reading and writing stay on one thread, which keeps the step restartable. A chunk is several times the
     * concurrency so slow accounts rarely leave threads idle; a crash re-audits at most one chunk.
     */
    @Bean
    Step auditStep(JobRepository jobs, PlatformTransactionManager tx, ListedAccountsReader pendingAccounts,
                   AuditAccountProcessor processor, ResultsWriter writer, ProgressListener progress,
                   RootAuditProperties properties) {
        int concurrency = properties.audit().concurrency();
        SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("audit-");
        executor.setConcurrencyLimit(concurrency);
        return new StepBuilder("audit", jobs).<String, AccountResult>chunk(Math.max(concurrency * 4, 20))
                .transactionManager(tx)
                .reader(pendingAccounts).processor(processor).writer(writer)
                .taskExecutor(executor)
                .listener(progress)
                .build();
    }

    /** Accounts of the run still without a verdict, in listing order, as the snapshot step beside it stores them. */
    @Bean
    @StepScope
    ListedAccountsReader pendingAccounts(@Value("#{jobParameters['runId']}") String runId,
                                         @Value("#{stepExecution.jobExecutionId}") Long jobExecutionId,
                                         AccountResultStore store, SnapshotFailures snapshotFailures) {
        return new ListedAccountsReader(runId, jobExecutionId, store, snapshotFailures, Duration.ofMillis(100));
    }

    @Bean
    @StepScope
    AuditAccountProcessor auditAccountProcessor(@Value("#{jobParameters['runId']}") String runId, RunStore runs,
                                                RootCredentialCollector collector, ManagementRootCollector management,
                                                RuleCatalog catalog, AccountScorer scorer,
                                                ExceptionRegister exceptions, RootAuditProperties properties,
                                                RecoveryInProgress recovery, Clock clock) {
        RunRecord run = runs.run(runId).orElseThrow();
        boolean viaRole = new ManagementRootAccess(properties.managementAccount().hasRole()).viaRole(run);
        return new AuditAccountProcessor(collector, new AuditAccountProcessor.ManagementRoot(run.managementAccountId(), management, viaRole),
                catalog, scorer, exceptions, Duration.ofDays(properties.audit().recentUseDays()), recovery, clock);
    }

    @Bean
    @StepScope
    ResultsWriter resultsWriter(@Value("#{jobParameters['runId']}") String runId, AccountResultStore store) {
        return new ResultsWriter(runId, store);
    }

    @Bean
    @StepScope
    ProgressListener progressListener(@Value("#{jobParameters['runId']}") String runId, AccountResultStore store) {
        return new ProgressListener(runId, store, Duration.ofSeconds(5));
    }

    @Bean
    Step resultsStep(JobRepository jobs, PlatformTransactionManager tx, ResultsTasklet resultsTasklet) {
        return new StepBuilder("results", jobs).tasklet(resultsTasklet, tx).build();
    }

    @Bean
    @StepScope
    ResultsTasklet resultsTasklet(@Value("#{jobParameters['runId']}") String runId, RunStore runs,
                                  AccountResultStore accounts, EvidencePack reports, Clock clock) {
        return new ResultsTasklet(runId, runs, accounts, reports, clock);
    }
}
