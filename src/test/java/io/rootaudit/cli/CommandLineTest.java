package io.rootaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootaudit.application.AuditOutcome;
import io.rootaudit.application.NotifyOutcome;
import io.rootaudit.application.ExportOutcome;
import io.rootaudit.application.PrivilegedActions;
import io.rootaudit.application.PublishOutcome;
import io.rootaudit.compliance.AccountStatus;
import io.rootaudit.remediation.RemediationDecision;
import io.rootaudit.store.RunRecord;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Every documented command and option parses as the README says, configuration properties pass through untouched,
 * anything else is a usage error (exit 2), and every outcome maps to its documented exit code.
 */
class CommandLineTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final Launch launch = new Launch(new PrintWriter(out, true), new PrintWriter(err, true), Map.of(), null, false);

    private ParseResult parse(String... args) {
        return RootAuditCli.commandLine(launch, List.of()).parseArgs(args).subcommand();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "audit                                                   | audit              |",
            "audit --rerun                                           | audit              | rerun=true",
            "preflight                                               | preflight          |",
            "report --run 2026-11-1-abcdef                           | report             | run=2026-11-1-abcdef",
            "report --run=2026-11-1-abcdef                           | report             | run=2026-11-1-abcdef",
            "publish --run 2026-11-1-abcdef                          | publish            | run=2026-11-1-abcdef",
            "verify --path s3://evidence/rootaudit/                  | verify             | path=s3://evidence/rootaudit/",
            "history                                                 | history            |",
            "history --organization o-abc123                         | history            | organization=o-abc123",
            "allow-recovery --account 111122223333 --reason r --ticket T-1 --yes | allow-recovery | account=111122223333,reason=r,ticket=T-1,yes=true",
            "delete-root-credentials --account 111122223333 --dry-run | delete-root-credentials | account=111122223333,dry-run=true",
            "unlock-s3-bucket-policy --account 111122223333 --bucket b --yes | unlock-s3-bucket-policy | account=111122223333,bucket=b,yes=true",
            "unlock-sqs-queue-policy --account 111122223333 --queue-url https://sqs/q | unlock-sqs-queue-policy | account=111122223333,queue-url=https://sqs/q",
            "enable-root-access-management --dry-run --reason r --ticket T | enable-root-access-management | dry-run=true,reason=r,ticket=T"})
    void everyDocumentedCommandAndOptionParses(String line, String command, String options) {
        ParseResult parsed = parse(line.split(" "));
        assertThat(parsed.commandSpec().name()).isEqualTo(command);
        if (options != null && !options.isEmpty()) {
            for (String option : options.split(",")) {
                String[] nameValue = option.split("=", 2);
                assertThat(String.valueOf((Object) parsed.matchedOptionValue("--" + nameValue[0], null)))
                        .as(option).isEqualTo(nameValue[1]);
            }
        }
    }

    @Test
    void configurationPropertiesAndDebugPassThroughEveryCommand() {
        ParseResult parsed = parse("audit", "--rootaudit.audit.concurrency=4", "--debug",
                "--spring.config.additional-location=/etc/rootaudit.yml");
        AuditCommand audit = (AuditCommand) parsed.commandSpec().userObject();
        assertThat(audit.spring.properties(audit.properties)).containsExactly("--rootaudit.audit.concurrency=4",
                "--spring.config.additional-location=/etc/rootaudit.yml");
        assertThat(audit.spring.debug()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "audits                           | Unmatched argument at index 0: 'audits'",
            "audit --force                    | unknown option '--force' for command 'audit'; configuration properties are given as --rootaudit.name=value",
            "audit --concurrency=4            | unknown option '--concurrency=4'",
            "audit extra                      | unexpected argument 'extra'",
            "audit --rerun=yes                | --rerun",
            "report                           | Missing required option: '--run=RUN_ID'",
            "report --run                     | Missing required parameter for option '--run'",
            "allow-recovery --account 111122223333 | 'allow-recovery' needs --reason and --ticket"})
    void whatCannotBeUnderstoodIsAUsageError(String line, String message) {
        int code = RootAuditCli.run(launch, List.of(), line.split(" "));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains(message);
    }

    @Test
    void helpAndVersion() {
        assertThat(RootAuditCli.run(launch, List.of(), "--help")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Usage: java -jar rootaudit.jar <command>").contains("Exit codes")
                .contains("audit").contains("delete-root-credentials");
        assertThat(RootAuditCli.run(launch, List.of(), "audit", "-h")).isZero();
        assertThat(out.toString()).contains("Usage: java -jar rootaudit.jar audit").contains("--rerun");
        assertThat(RootAuditCli.run(launch, List.of(), "help", "history")).isZero();
        assertThat(RootAuditCli.run(launch, List.of(), "--version")).isZero();
        assertThat(out.toString()).contains("rootaudit ");
        assertThat(RootAuditCli.run(launch, List.of())).as("no command: usage, exit 2").isEqualTo(2);
    }

    @Test
    void auditOutcomesMapToTheDocumentedCodesInTheirPrecedence() {
        assertThat(ExitCodes.of(completed(counts(0, 0), null, null))).isEqualTo(ExitCode.OK);
        assertThat(ExitCodes.of(completed(counts(1, 0), null, null))).isEqualTo(ExitCode.NON_COMPLIANT);
        assertThat(ExitCodes.of(organizationFindingsOnly())).isEqualTo(ExitCode.NON_COMPLIANT);
        assertThat(ExitCodes.of(completed(counts(1, 1), null, null))).isEqualTo(ExitCode.NOT_AUDITED);
        assertThat(ExitCodes.of(completed(counts(1, 1), failedRemediation(), null))).isEqualTo(ExitCode.REMEDIATION_FAILED);
        assertThat(ExitCodes.of(completed(counts(1, 1), failedRemediation(), publish(PublishOutcome.Kind.FAILED))))
                .isEqualTo(ExitCode.PUBLISH_FAILED);
        assertThat(ExitCodes.of(completed(counts(0, 0), null, publish(PublishOutcome.Kind.PUBLISHED)))).isEqualTo(ExitCode.OK);
        assertThat(ExitCodes.of(outcome(AuditOutcome.Kind.ALREADY_COMPLETED, publish(PublishOutcome.Kind.ALREADY_PUBLISHED))))
                .isEqualTo(ExitCode.OK);
        assertThat(ExitCodes.of(outcome(AuditOutcome.Kind.ALREADY_COMPLETED, publish(PublishOutcome.Kind.FAILED))))
                .isEqualTo(ExitCode.PUBLISH_FAILED);
        assertThat(ExitCodes.of(outcome(AuditOutcome.Kind.PREREQUISITE_MISSING, null))).isEqualTo(ExitCode.PREREQUISITE_MISSING);
        assertThat(ExitCodes.of(outcome(AuditOutcome.Kind.ALREADY_RUNNING, null))).isEqualTo(ExitCode.ALREADY_RUNNING);
        assertThat(ExitCodes.of(outcome(AuditOutcome.Kind.FAILED, null))).isEqualTo(ExitCode.FAILURE);
        assertThat(ExitCode.values()).extracting(ExitCode::code).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    }

    @Test
    void failedNotificationIsCodeTenBelowAFailedPublishAboveEverythingElse() {
        NotifyOutcome failed = new NotifyOutcome(NotifyOutcome.Kind.FAILED, "bus", 3, 1, List.of("x"));
        NotifyOutcome sent = new NotifyOutcome(NotifyOutcome.Kind.SENT, "bus", 3, 3, List.of());
        assertThat(ExitCodes.of(notified(completed(counts(0, 0), null, null), failed))).isEqualTo(ExitCode.EXPORT_FAILED);
        assertThat(ExitCodes.of(notified(completed(counts(1, 1), failedRemediation(), null), failed)))
                .isEqualTo(ExitCode.EXPORT_FAILED);
        assertThat(ExitCodes.of(notified(completed(counts(1, 0), null, publish(PublishOutcome.Kind.FAILED)), failed)))
                .isEqualTo(ExitCode.PUBLISH_FAILED);
        assertThat(ExitCodes.of(notified(completed(counts(1, 0), null, null), sent))).isEqualTo(ExitCode.NON_COMPLIANT);
        assertThat(ExitCode.EXPORT_FAILED.code()).isEqualTo(10);
    }

    private static AuditOutcome notified(AuditOutcome o, NotifyOutcome notification) {
        return new AuditOutcome(o.kind(), o.preflight(), o.run(), o.folder(), o.counts(), o.organizationFindings(),
                o.remediation(), o.publish(), o.export(), o.failure(), notification);
    }

    /** A failed export: after a failed publish, before everything the findings say; never for a run that did not complete. */
    @Test
    void aFailedExportIsTenAfterSixBeforeEightFourAndThree() {
        ExportOutcome failed = export(ExportOutcome.Kind.FAILED);
        assertThat(ExitCodes.of(completed(counts(1, 1), failedRemediation(), null, failed))).isEqualTo(ExitCode.EXPORT_FAILED);
        assertThat(ExitCodes.of(completed(counts(1, 0), null, null, failed))).isEqualTo(ExitCode.EXPORT_FAILED);
        assertThat(ExitCodes.of(completed(counts(0, 0), null, publish(PublishOutcome.Kind.FAILED), failed)))
                .isEqualTo(ExitCode.PUBLISH_FAILED);
        assertThat(ExitCodes.of(completed(counts(1, 0), null, null, export(ExportOutcome.Kind.EXPORTED))))
                .isEqualTo(ExitCode.NON_COMPLIANT);
        assertThat(ExitCodes.of(outcome(AuditOutcome.Kind.ALREADY_COMPLETED, publish(PublishOutcome.Kind.ALREADY_PUBLISHED),
                failed))).isEqualTo(ExitCode.EXPORT_FAILED);
        assertThat(ExitCodes.of(outcome(AuditOutcome.Kind.ALREADY_COMPLETED, null, export(ExportOutcome.Kind.ALREADY_EXPORTED))))
                .isEqualTo(ExitCode.OK);
        assertThat(ExitCodes.of(export(ExportOutcome.Kind.SUPERSEDED))).isEqualTo(ExitCode.OK);
    }

    @Test
    void privilegedOutcomesMapToTheDocumentedCodes() {
        assertThat(ExitCodes.of(PrivilegedActions.Outcome.Kind.DONE)).isEqualTo(ExitCode.OK);
        assertThat(ExitCodes.of(PrivilegedActions.Outcome.Kind.NO_CHANGE)).isEqualTo(ExitCode.OK);
        assertThat(ExitCodes.of(PrivilegedActions.Outcome.Kind.DRY_RUN)).isEqualTo(ExitCode.OK);
        assertThat(ExitCodes.of(PrivilegedActions.Outcome.Kind.REFUSED)).isEqualTo(ExitCode.USAGE);
        assertThat(ExitCodes.of(PrivilegedActions.Outcome.Kind.NOT_CONFIRMED)).isEqualTo(ExitCode.USAGE);
        assertThat(ExitCodes.of(PrivilegedActions.Outcome.Kind.PREREQUISITE_MISSING)).isEqualTo(ExitCode.PREREQUISITE_MISSING);
        assertThat(ExitCodes.of(PrivilegedActions.Outcome.Kind.FAILED)).isEqualTo(ExitCode.FAILURE);
    }

    private static Map<AccountStatus, Long> counts(long nonCompliant, long errors) {
        Map<AccountStatus, Long> counts = new EnumMap<>(AccountStatus.class);
        for (AccountStatus s : AccountStatus.values()) {
            counts.put(s, 0L);
        }
        counts.put(AccountStatus.COMPLIANT, 3L);
        counts.put(AccountStatus.NON_COMPLIANT, nonCompliant);
        counts.put(AccountStatus.ERROR, errors);
        return counts;
    }

    private static AuditOutcome.Remediation failedRemediation() {
        return new AuditOutcome.Remediation("APPLY", Map.of(RemediationDecision.FAILED, 1L), null,
                List.of("111122223333: AccessDenied"));
    }

    private static PublishOutcome publish(PublishOutcome.Kind kind) {
        return new PublishOutcome(kind, "run", null, null, Path.of("reports"));
    }

    private static final RunRecord RUN = new RunRecord("2026-11-1-abcdef", "o-abc", "2026-11", 1, RunRecord.Status.COMPLETED,
            Instant.EPOCH, Instant.EPOCH, null, null, null, null, null, null, null, null);

    private static AuditOutcome completed(Map<AccountStatus, Long> counts, AuditOutcome.Remediation remediation,
                                          PublishOutcome publish) {
        return completed(counts, remediation, publish, null);
    }

    private static AuditOutcome completed(Map<AccountStatus, Long> counts, AuditOutcome.Remediation remediation,
                                          PublishOutcome publish, ExportOutcome export) {
        return new AuditOutcome(AuditOutcome.Kind.COMPLETED, null, RUN, Path.of("reports"), counts, 0, remediation,
                publish, export, null);
    }

    private static AuditOutcome organizationFindingsOnly() {
        return new AuditOutcome(AuditOutcome.Kind.COMPLETED, null, RUN, Path.of("reports"), counts(0, 0), 1, null, null,
                null, null);
    }

    private static AuditOutcome outcome(AuditOutcome.Kind kind, PublishOutcome publish) {
        return outcome(kind, publish, null);
    }

    private static AuditOutcome outcome(AuditOutcome.Kind kind, PublishOutcome publish, ExportOutcome export) {
        return new AuditOutcome(kind, null, RUN, null, Map.of(), 0, null, publish, export, null);
    }

    private static ExportOutcome export(ExportOutcome.Kind kind) {
        return new ExportOutcome(kind, "run", 10, kind == ExportOutcome.Kind.FAILED ? 9 : 10, List.of(), 1, null);
    }
}
