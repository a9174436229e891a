package io.rootaudit.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad configuration fails at startup with exit 2 and a message naming the property, before any AWS call:
 * the AWS endpoint here is a closed port, so any call would fail differently (and slowly, with retries).
 */
class ConfigurationValidationTest {

    @TempDir
    Path work;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "--rootaudit.audit.concurrency=0            | rootaudit.audit.concurrency",
            "--rootaudit.audit.concurrency=lots         | rootaudit.audit.concurrency",
            "--rootaudit.audit.session-duration=901s    | session-duration must be between 60s and 900s",
            "--rootaudit.audit.session-duration=30s     | session-duration must be between 60s and 900s",
            "--rootaudit.remediation.grace-period=30m   | grace-period must be at least 1h",
            "--rootaudit.remediation.grace-period=24    | rootaudit.remediation.grace-period: '24' has no unit",
            "--rootaudit.audit.session-duration=2000    | rootaudit.audit.session-duration: '2000' has no unit",
            "--rootaudit.remediation.retry-for=-1s      | retry-for must be between 0s and 24h",
            "--rootaudit.report.local-dir=              | rootaudit.report.local-dir is empty",
            "--rootaudit.remediation.mode=apply         | mode=apply needs rootaudit.exceptions-file",
            "--rootaudit.period=2026-13                 | rootaudit.period: must be a month in the form YYYY-MM",
            "--rootaudit.scope.include-accounts=12345   | rootaudit.scope.include-accounts[0]: must be a 12-digit account id",
            "--rootaudit.scope.organizational-units=eu  | must be an OU id",
            "--rootaudit.aws.region=Europe              | rootaudit.aws.region: must be a region code",
            "--rootaudit.aws.region=us-iso-east-1       | region us-iso-east-1 is in partition aws-iso",
            "--rootaudit.aws.rate-limits.sts=0          | rootaudit.aws.rate-limits.sts: must be greater than 0",
            "--rootaudit.aws.rate-limits.iam=fast       | rootaudit.aws.rate-limits.iam",
            "--rootaudit.aws.attempt-timeout=0s         | rootaudit.aws.attempt-timeout must be between 1s and 10m",
            "--rootaudit.aws.connect-timeout=2m         | rootaudit.aws.connect-timeout must be between 100ms and 1m",
            "--rootaudit.aws.call-timeout=10s           | not shorter than rootaudit.aws.attempt-timeout",
            "--rootaudit.aws.call-timeout=2h            | rootaudit.aws.call-timeout must be between 1s and 1h",
            "--rootaudit.report.s3.prefix=audits//root  | rootaudit.report.s3.prefix must be key segments",
            "--rootaudit.report.s3.prefix=audits/../x   | rootaudit.report.s3.prefix must be key segments",
            "--rootaudit.report.s3.prefix=./audits      | rootaudit.report.s3.prefix must be key segments",
            "--rootaudit.report.s3.prefix=/..           | rootaudit.report.s3.prefix must be key segments",
            "--rootaudit.management-account.role-arn=rootaudit-role | rootaudit.management-account.role-arn: must be an IAM role ARN",
            "--rootaudit.management-account.role-arn=arn:aws:iam::123:role/x | rootaudit.management-account.role-arn: must be an IAM role ARN",
            "--rootaudit.management-account.credential-report-timeout=1s | credential-report-timeout must be between 5s and 30m",
            "--rootaudit.audit.concurency=4             | unknown property [rootaudit.audit.concurency]",
            "--spring.config.additional-location=/nonexistent/rootaudit.yml | /nonexistent/rootaudit.yml",
            "--rootaudit.exceptions-file=/nonexistent/x.yml | exceptions-file points to a file that does not exist",
            "--rootaudit.compliance.frameworks=cis-aws-v7.0.0,cis-aws-v9.0.0 | rootaudit.compliance.frameworks: unknown framework [cis-aws-v9.0.0]; the frameworks are aws-security-hub-cspm, cis-aws-v3.0.0,"})
    void invalidValueIsRejectedWithThePropertyName(String argument, String message) {
        Invocation run = Invocation.run(null, work, "audit", argument);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("invalid configuration").contains(message);
        assertThat(Files.exists(work.resolve("reports"))).isFalse();
    }

    @Test
    void invalidExceptionsFileIsRejectedWithEntryAndField() throws Exception {
        Path file = Files.writeString(work.resolve("exceptions.yml"), """
                exceptions:
                  - account: "111122223333"
                    rules: [no-such-rule]
                    reason: test
                    approver: me
                    ticket: T-1
                    expires: 2030-01-01
                """);
        Invocation run = Invocation.run(null, work, "audit", "--rootaudit.exceptions-file=" + file);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("entry 1").contains("no-such-rule");
    }

    /** A user starts from the documented example file: as shipped, it must be accepted. */
    @Test
    void theExampleConfigurationFileIsValid() {
        Invocation run = Invocation.run(null, work, "preflight",
                "--spring.config.additional-location=file:config/application.example.yml", "--rootaudit.aws.max-attempts=1");
        assertThat(run.err()).doesNotContain("invalid configuration");
        assertThat(run.exitCode()).as("accepted, then stopped at the closed AWS endpoint").isEqualTo(5);
    }

    @Test
    void unknownCommandAndOptionAreUsageErrors() {
        assertThat(Invocation.run(null, work, "audits").exitCode()).isEqualTo(2);
        Invocation run = Invocation.run(null, work, "audit", "--force");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("unknown option '--force'");
    }

    @Test
    void helpIsAvailableForEveryCommand() {
        for (String command : new String[] {"audit", "preflight", "demo"}) {
            Invocation run = Invocation.run(null, work, command, "--help");
            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).contains("Usage: java -jar rootaudit.jar " + command);
        }
        assertThat(Invocation.run(null, work, "--help").out()).contains("Exit codes");
    }
}
