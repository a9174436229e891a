package io.rootaudit.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An operator's mistakes at startup end in a short message and a documented exit code, before any AWS call and
 * before anything is created: the AWS endpoint is a closed port, so any call would fail differently (exit 5).
 * Each test is one defect of the hardening issue, run the way a user runs the jar.
 */
class StartupFailureTest {

    /** Where a test's run passes the checks and reaches the closed AWS endpoint: fail there at once. */
    private static final String ONE_ATTEMPT = "--rootaudit.aws.max-attempts=1";

    @TempDir
    Path work;

    @Test
    void aDurationWithoutAUnitIsRefusedFromArgumentsYamlAndEnvironment() throws Exception {
        Invocation argument = Invocation.run(null, work, "audit", "--rootaudit.remediation.grace-period=24");
        assertRefused(argument.exitCode(), argument.err(), "rootaudit.remediation.grace-period: '24' has no unit",
                "for example 24s, 24m, 24h or PT24H");

        Path yaml = Files.writeString(work.resolve("rootaudit.yml"), "rootaudit:\n  audit:\n    session-duration: 2000\n");
        Invocation fromYaml = Invocation.run(null, work, "audit", "--spring.config.additional-location=file:" + yaml);
        assertRefused(fromYaml.exitCode(), fromYaml.err(), "rootaudit.audit.session-duration: '2000' has no unit");

        Invocation fromEnvironment = Invocation.withEnvironment(withVariables("ROOTAUDIT_REMEDIATION_GRACEPERIOD", "24"),
                work, "audit");
        assertRefused(fromEnvironment.exitCode(), fromEnvironment.err(), "rootaudit.remediation.grace-period: '24' has no unit");
        assertNothingCreated();
    }

    @Test
    void aGracePeriodTooShortToProtectARecoveryIsRefused() {
        Invocation run = Invocation.run(null, work, "audit", "--rootaudit.remediation.grace-period=10m");
        assertRefused(run.exitCode(), run.err(), "grace-period must be at least 1h");
        assertThat(Invocation.run(null, work, "audit", "--rootaudit.remediation.grace-period=PT1H", ONE_ATTEMPT).err())
                .doesNotContain("grace-period");
    }

    @Test
    void aMalformedConfigurationFileIsNamedWithItsLine() throws Exception {
        Path yaml = Files.writeString(work.resolve("broken.yml"), "rootaudit:\n  audit:\n    concurrency: 4\n   bad: [\n");
        Invocation run = Invocation.run(null, work, "audit", "--spring.config.additional-location=file:" + yaml);
        assertRefused(run.exitCode(), run.err(), "configuration file " + yaml + ", line 4, column 4: not valid YAML");
        assertThat(run.err().lines().count()).isLessThanOrEqualTo(4);
        assertThat(run.out()).doesNotContain("Application run failed");
        assertNothingCreated();
    }

    @Test
    void anUnreadableConfigurationFileIsNamed() throws Exception {
        Path yaml = Files.createDirectory(work.resolve("a-folder.yml"));
        Invocation run = Invocation.run(null, work, "audit", "--spring.config.additional-location=file:" + yaml);
        assertRefused(run.exitCode(), run.err(), "configuration file " + yaml + " cannot be read");
    }

    @Test
    void aDatabasePathUnderARegularFileIsRefused() throws Exception {
        Path file = Files.writeString(work.resolve("not-a-folder"), "x");
        Invocation run = Invocation.run(null, work, "audit", "--rootaudit.database-path=" + file.resolve("rootaudit"));
        assertRefused(run.exitCode(), run.err(), "rootaudit.database-path: " + file + " is a file, not a directory");
        assertThat(Files.readString(file)).isEqualTo("x");
        assertNothingCreated();
    }

    @Test
    void aDamagedDatabaseFileIsRefusedAndLeftAlone() throws Exception {
        Path db = Files.createDirectories(work.resolve("db"));
        byte[] junk = new byte[20_000];
        new Random(7).nextBytes(junk);
        Files.write(db.resolve("rootaudit.mv.db"), junk);
        Invocation run = Invocation.run(null, work, "history");
        assertRefused(run.exitCode(), run.err(), "cannot be opened as an H2 database");
        assertThat(Files.readAllBytes(db.resolve("rootaudit.mv.db"))).isEqualTo(junk);
        assertThat(db.resolve("rootaudit.trace.db")).doesNotExist();
    }

    @Test
    void aDatabaseOfAnotherApplicationIsRefused() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + work.resolve("db/rootaudit"), "sa", "")) {
            c.createStatement().execute("CREATE TABLE invoices (id INT)");
        }
        Invocation run = Invocation.run(null, work, "audit");
        assertRefused(run.exitCode(), run.err(), "is not a rootaudit database");
    }

    @Test
    void aReportFolderThatIsAFileIsRefusedBeforeTheAudit() throws Exception {
        Path file = Files.writeString(work.resolve("reports-file"), "x");
        Invocation run = Invocation.run(null, work, "audit", "--rootaudit.report.local-dir=" + file);
        assertRefused(run.exitCode(), run.err(), "rootaudit.report.local-dir: " + file + " is a file, not a directory");
        assertNothingCreated();
    }

    @Test
    void commandsThatOnlyReadTheStoreNeverCreateOne() {
        for (String[] command : List.of(new String[] {"history"}, new String[] {"report", "--run", "2026-11-1-abcdef"},
                new String[] {"publish", "--run", "2026-11-1-abcdef", "--rootaudit.report.s3.bucket=evidence"})) {
            Invocation run = Invocation.run(null, work, command);
            assertRefused(run.exitCode(), run.err(), "no rootaudit database at " + work.resolve("db/rootaudit.mv.db"));
        }
        Invocation verify = Invocation.run(null, work, "verify", "--path", work.toString());
        assertThat(verify.exitCode()).isEqualTo(7);
        assertNothingCreated();
    }

    @Test
    void aMisspeltEnvironmentVariableIsRefusedWithTheNearestProperty() throws Exception {
        Invocation run = Invocation.withEnvironment(withVariables("ROOTAUDIT_AUDIT_CONCURENCY", "4",
                "ROOTAUDIT_SCOPE_EXCLUDEACCOUNTS_0", "111122223333", "ROOTAUDIT_REPORT_LOCALDIR", "/tmp"), work, "audit");
        assertRefused(run.exitCode(), run.err(), "environment variable ROOTAUDIT_AUDIT_CONCURENCY names no rootaudit "
                + "property; did you mean ROOTAUDIT_AUDIT_CONCURRENCY (rootaudit.audit.concurrency)?");
        assertThat(run.err()).doesNotContain("EXCLUDEACCOUNTS").doesNotContain("LOCALDIR");
        // the same names, well spelt, are bound from the invocation's environment as a user's would be
        Invocation bound = Invocation.withEnvironment(withVariables("ROOTAUDIT_AUDIT_CONCURRENCY", "0"), work, "audit");
        assertRefused(bound.exitCode(), bound.err(), "rootaudit.audit.concurrency: must be greater than or equal to 1");
    }

    @Test
    void anExceptionsFileWithoutEntriesIsRefusedUnlessItSaysSoExplicitly() throws Exception {
        for (String content : List.of("", "# nothing yet\n", "exceptions:\n", "{}\n")) {
            Path file = Files.writeString(work.resolve("exceptions.yml"), content);
            Invocation run = Invocation.run(null, work, "audit", "--rootaudit.exceptions-file=" + file);
            assertRefused(run.exitCode(), run.err(), "holds no entry; if no account is excepted, write 'exceptions: []'");
        }
        Path explicit = Files.writeString(work.resolve("none.yml"), "exceptions: []\n");
        Invocation run = Invocation.run(null, work, "audit", "--rootaudit.exceptions-file=" + explicit, ONE_ATTEMPT);
        assertThat(run.exitCode()).isEqualTo(5); // accepted: the run goes on to the (unreachable) AWS endpoint
    }

    @Test
    void applyNeedsAnExceptionsFileOrAnExplicitAcknowledgement() throws Exception {
        Invocation refused = Invocation.run(null, work, "audit", "--rootaudit.remediation.mode=apply");
        assertRefused(refused.exitCode(), refused.err(), "rootaudit.remediation.mode=apply needs rootaudit.exceptions-file",
                "rootaudit.remediation.acknowledge-no-exceptions-file=true");
        assertNothingCreated();
        Invocation acknowledged = Invocation.run(null, work, "audit", "--rootaudit.remediation.mode=apply",
                "--rootaudit.remediation.acknowledge-no-exceptions-file=true", ONE_ATTEMPT);
        assertThat(acknowledged.exitCode()).isEqualTo(5);
        assertThat(acknowledged.out()).startsWith("Safety settings: remediation.mode=apply, grace-period=24h, "
                + "max-accounts=25, retry-for=15m")
                .contains("exceptions: none (acknowledged: rootaudit.remediation.acknowledge-no-exceptions-file)");
    }

    @Test
    void anEmptyValueIsReportedAsEmpty() {
        Invocation run = Invocation.run(null, work, "history", "--rootaudit.report.local-dir=");
        assertRefused(run.exitCode(), run.err(), "rootaudit.report.local-dir is empty");
        assertThat(run.err()).doesNotContain("unknown property");
    }

    @Test
    void aMissingRegionCreatesNoDatabase() throws Exception {
        ChildJvm.Result run = ChildJvm.run(work, Map.of("AWS_REGION", "", "AWS_DEFAULT_REGION", "",
                "AWS_CONFIG_FILE", work.resolve("no-config").toString()), List.of(), "audit");
        assertRefused(run.exitCode(), run.output(), "no AWS region is configured");
        assertNothingCreated();
    }

    @Test
    void theStackTraceIsShownOnlyWithDebug() throws Exception {
        Path file = Files.writeString(work.resolve("a-file"), "x");
        Invocation quiet = Invocation.run(null, work, "audit", "--rootaudit.report.local-dir=" + file);
        assertThat(quiet.err()).doesNotContain("\tat ");
        Invocation debug = Invocation.run(null, work, "audit", "--debug", "--rootaudit.report.local-dir=" + file);
        assertThat(debug.exitCode()).isEqualTo(2);
        assertThat(debug.err()).contains("\tat io.rootaudit.");
    }

    /** The process's environment plus {@code nameValues}, for one in-JVM invocation only. */
    private static Map<String, String> withVariables(String... nameValues) {
        Map<String, String> environment = new java.util.HashMap<>(System.getenv());
        for (int i = 0; i < nameValues.length; i += 2) {
            environment.put(nameValues[i], nameValues[i + 1]);
        }
        return environment;
    }

    private static void assertRefused(int exitCode, String stderr, String... messages) {
        assertThat(exitCode).as(stderr).isEqualTo(2);
        assertThat(stderr).contains(messages).doesNotContain("\tat ").contains("Nothing was called or written");
        assertThat(stderr.lines().count()).isLessThan(8);
    }

    /** No database, report folder or H2 trace appeared in the test's folder. */
    private void assertNothingCreated() {
        try (Stream<Path> files = Files.walk(work)) {
            assertThat(files.map(p -> work.relativize(p).toString()))
                    .noneMatch(p -> p.endsWith(".mv.db") || p.endsWith(".trace.db") || p.equals("reports"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
