package io.rootaudit.compliance;

import io.rootaudit.compliance.rules.BuiltInRules;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Set;
import org.assertj.core.api.AbstractStringAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExceptionRegisterTest {

    private static final Set<String> RULE_IDS = BuiltInRules.catalog().ruleIds();

    @TempDir
    Path dir;

    @Test
    void readsAMapWithExceptionsKey() throws IOException {
        ExceptionRegister register = load("""
                exceptions:
                  - account: "012345678901"
                    rules: [root-access-key-inactive, root-signing-certificate-present]
                    reason: Legacy SOAP integration, decommissioned in Q1
                    approver: jane.doe@example.com
                    ticket: RISK-1234
                    expires: 2026-12-31
                  - account: 111122223333
                    reason: Break-glass account under review
                    approver: CISO
                    ticket: 4711
                    expires: "2027-01-15"
                """);

        assertThat(register.entries()).containsExactly(
                new ExceptionEntry("012345678901", Set.of("root-access-key-inactive", "root-signing-certificate-present"),
                        "Legacy SOAP integration, decommissioned in Q1", "jane.doe@example.com", "RISK-1234",
                        LocalDate.of(2026, 12, 31)),
                new ExceptionEntry("111122223333", Set.of(), "Break-glass account under review", "CISO", "4711",
                        LocalDate.of(2027, 1, 15)));
        assertThat(register.entries().get(0).reference()).isEqualTo("RISK-1234");
    }

    @Test
    void readsATopLevelList() throws IOException {
        ExceptionRegister register = load("""
                - account: "012345678901"
                  reason: r
                  approver: a
                  ticket: T-1
                  expires: 2026-12-31
                """);

        assertThat(register.entries()).hasSize(1);
    }

    @Test
    void onlyAnExplicitEmptyListIsAnEmptyRegister() throws IOException {
        assertThat(load("exceptions: []\n").entries()).isEmpty();
        assertThat(load("[]\n").entries()).isEmpty();
        assertThat(ExceptionRegister.empty().entries()).isEmpty();
        for (String noEntry : new String[] {"", "# nothing yet\n", "exceptions:\n", "{}\n"}) {
            assertThatThrownBy(() -> load(noEntry)).isInstanceOf(InvalidExceptionsFileException.class)
                    .hasMessageContaining("holds no entry; if no account is excepted, write 'exceptions: []'");
        }
    }

    @Test
    void absentRulesCoverEveryRule() throws IOException {
        ExceptionRegister register = load(entry("account: \"012345678901\"", "expires: 2026-12-31"));
        LocalDate today = LocalDate.of(2026, 6, 1);

        assertThat(register.coverFor("012345678901", "root-access-key-active", today)).isPresent();
        assertThat(register.coverFor("012345678901", "root-mfa-without-password", today)).isPresent();
        assertThat(register.coverFor("999999999999", "root-access-key-active", today)).isEmpty();
    }

    @Test
    void listedRulesCoverOnlyThoseRules() throws IOException {
        ExceptionRegister register = load(entry("account: \"012345678901\"", "rules: [root-access-key-inactive]",
                "expires: 2026-12-31"));
        LocalDate today = LocalDate.of(2026, 6, 1);

        assertThat(register.coverFor("012345678901", "root-access-key-inactive", today)).isPresent();
        assertThat(register.coverFor("012345678901", "root-access-key-active", today)).isEmpty();
    }

    @Test
    void expiryDayIsInclusive() throws IOException {
        ExceptionRegister register = load(entry("account: \"012345678901\"", "expires: 2026-12-31"));

        assertThat(register.coverFor("012345678901", "root-password-present", LocalDate.of(2026, 12, 31))).isPresent();
        assertThat(register.expired(LocalDate.of(2026, 12, 31))).isEmpty();
        assertThat(register.coverFor("012345678901", "root-password-present", LocalDate.of(2027, 1, 1))).isEmpty();
        assertThat(register.expired(LocalDate.of(2027, 1, 1))).containsExactlyElementsOf(register.entries());
    }

    @Test
    void unknownRuleIdIsRejectedWithTheKnownIds() {
        assertProblem(entry("account: \"012345678901\"", "rules: [root-acces-key-active]", "expires: 2026-12-31"),
                "entry 1: field 'rules' names unknown rule 'root-acces-key-active'; known rules are",
                "root-access-key-active");
    }

    @Test
    void emptyRulesListIsRejected() {
        assertProblem(entry("account: \"012345678901\"", "rules: []", "expires: 2026-12-31"),
                "entry 1: field 'rules' is empty; list at least one rule id, or remove 'rules' to cover every rule");
        assertProblem(entry("account: \"012345678901\"", "rules:", "expires: 2026-12-31"),
                "entry 1: field 'rules' is empty");
        assertProblem(entry("account: \"012345678901\"", "rules: root-password-present", "expires: 2026-12-31"),
                "entry 1: field 'rules' must be a list of rule ids");
    }

    @Test
    void accountMustBeTwelveDigitsAndTheMessageSaysToQuoteIt() {
        assertProblem(entry("account: 001122334455", "expires: 2026-12-31"),
                "entry 1: field 'account' must be exactly 12 digits, got '155826477'; quote it");
        assertProblem(entry("account: \"1234\"", "expires: 2026-12-31"),
                "entry 1: field 'account' must be exactly 12 digits, got '1234'");
        assertProblem(entry("account: \"1111-2222-3333\"", "expires: 2026-12-31"),
                "field 'account' must be exactly 12 digits");
        assertProblem(entry("expires: 2026-12-31"),
                "entry 1: field 'account' is missing; add the 12-digit member account id in quotes");
    }

    @Test
    void unquotedTwelveDigitAccountIsAccepted() throws IOException {
        assertThat(load(entry("account: 111122223333", "expires: 2026-12-31")).entries())
                .extracting(ExceptionEntry::account).containsExactly("111122223333");
    }

    @Test
    void requiredTextFieldsMustBePresentAndNotBlank() {
        String withoutReason = """
                - account: "012345678901"
                  reason: "  "
                  ticket: T-1
                  expires: 2026-12-31
                """;
        assertProblem(withoutReason,
                "entry 1: field 'reason' is missing or blank; say why the deviation is accepted",
                "entry 1: field 'approver' is missing or blank; name who approved the exception");
        assertProblem("""
                - account: "012345678901"
                  reason: r
                  approver: [a, b]
                  ticket: T-1
                  expires: 2026-12-31
                """, "entry 1: field 'approver' must be text");
    }

    @Test
    void expiresMustBeAStrictIsoDate() {
        assertProblem(entry("account: \"012345678901\""),
                "entry 1: field 'expires' is missing; add the last day the exception applies, as YYYY-MM-DD");
        assertProblem(entry("account: \"012345678901\"", "expires: 31/12/2026"),
                "entry 1: field 'expires' must be a calendar date written YYYY-MM-DD, got '31/12/2026'");
        assertProblem(entry("account: \"012345678901\"", "expires: 2026-02-30"),
                "field 'expires' must be a calendar date written YYYY-MM-DD, got '2026-02-30'");
        assertProblem(entry("account: \"012345678901\"", "expires: 2026-12-31T10:00:00Z"),
                "field 'expires' must be a calendar date written YYYY-MM-DD");
    }

    @Test
    void unknownFieldIsRejectedSoThatTyposDoNotGoUnnoticed() {
        assertProblem(entry("account: \"012345678901\"", "expires: 2026-12-31", "expiry: 2027-12-31"),
                "entry 1: field 'expiry' is unknown; allowed fields are account, rules, reason, approver, ticket, expires");
    }

    @Test
    void reportsEveryProblemWithItsOneBasedEntryIndex() throws IOException {
        Path file = write("""
                exceptions:
                  - account: "012345678901"
                    reason: r
                    approver: a
                    ticket: T-1
                    expires: 2026-12-31
                  - account: "12"
                    reason: r
                    approver: a
                    ticket: T-2
                    expires: 2026-12-31
                  - just a string
                """);

        assertThatThrownBy(() -> ExceptionRegister.load(file, RULE_IDS))
                .isInstanceOfSatisfying(InvalidExceptionsFileException.class, e -> assertThat(e.problems())
                        .containsExactly(
                                file + ": entry 2: field 'account' must be exactly 12 digits, got '12'; quote it,"
                                        + " e.g. account: \"012345678901\", because YAML drops leading zeros of"
                                        + " unquoted numbers",
                                file + ": entry 3 is not a map of fields; write it as '- account: \"012345678901\"'"
                                        + " with the other fields indented below"));
    }

    @Test
    void rejectsBadStructure() {
        assertProblem("exceptions: yes\n", "'exceptions:' must hold a list of entries");
        assertProblem("exception:\n  - account: \"012345678901\"\n", "unknown top-level key 'exception'");
        assertProblem("just text\n", "the top level must be a list of entries");
        assertProblem("exceptions: [\n", "is not valid YAML");
        assertProblem(entry("account: \"012345678901\"", "account: \"111122223333\"", "expires: 2026-12-31"),
                "is not valid YAML", "duplicate key account");
    }

    @Test
    void refusesArbitraryTypes() {
        assertProblem("- !!java.io.File [\"/etc/passwd\"]\n", "is not valid YAML");
    }

    /** Found by ExceptionsFilePropertyTest: these leaked ClassCastException, NumberFormatException, IllegalArgumentException. */
    @Test
    void valueThatDoesNotFitItsExplicitTagIsInvalidYaml() {
        assertProblem(entry("account: !!map x", "expires: 2026-12-31"), "is not valid YAML", "this scalar cannot be read as !!map",
                "line 4");
        assertProblem(entry("account: !!str [a]", "expires: 2026-12-31"), "this sequence cannot be read as !!str");
        assertProblem(entry("account: \"012345678901\"", "expires: !!int abc"), "this scalar cannot be read as !!int");
        assertProblem(entry("account: \"012345678901\"", "expires: !!float ."), "this scalar cannot be read as !!float");
        assertProblem(entry("account: \"012345678901\"", "expires: 2026-12-31", "? !!binary \"###\"\n  : x"),
                "this scalar cannot be read as !!binary");
    }

    /**
     * Found by ExceptionsFilePropertyTest: on a duplicate key SnakeYAML writes the key out in its message; two keys
     * aliasing a 20 kB scalar 1,000 times made a 20 MB message (a larger scalar runs out of memory).
     */
    @Test
    void keysAreTextAndDuplicateKeysAreNotWrittenOutWhole() throws IOException {
        String aliasing = "[" + "*s, ".repeat(999) + "*s]";
        assertProblem("- account: &s \"" + "x".repeat(20_000) + "\"\n  ? " + aliasing + "\n  : a\n  ? " + aliasing + "\n  : b\n",
                "is not valid YAML", "a key must be text, not a sequence", "line 2, column 5");
        assertProblem("- {account: \"012345678901\", ? {a: b} : c}\n", "a key must be text, not a mapping");
        assertProblem("- {<<: {? [a] : b}, account: \"012345678901\"}\n", "a key must be text, not a sequence");
        assertProblem("- !!set {? [a], ? [a]}\n", "a key must be text, not a sequence");

        Path longKey = write("- ? " + "k".repeat(100_000) + "\n  : a\n  ? " + "k".repeat(100_000) + "\n  : b\n");
        assertThatThrownBy(() -> ExceptionRegister.load(longKey, RULE_IDS))
                .isInstanceOfSatisfying(InvalidExceptionsFileException.class, e -> assertThat(e.getMessage())
                        .contains("found duplicate key " + "k".repeat(180) + "…\n").hasSizeLessThan(2_000));
    }

    /** Found by ExceptionsFilePropertyTest: SnakeYAML quoted the carriage returns of a file with CR line ends. */
    @Test
    void yamlErrorsShowTheLineWithoutCarriageReturns() {
        assertProblem("- reason: \"a\\U\r  approver: a\r", "is not valid YAML",
                "expected escape sequence of 8 hexadecimal numbers, but found: \\u000D  appro");
        assertProblem("- reason: \"a\\U\r  approver: a\r", "is not valid YAML").doesNotContain("\r");
    }

    /** Found by ExceptionsFilePropertyTest: SnakeYAML's scanner threw NumberFormatException on these escapes. */
    @Test
    void escapeTheYamlScannerCannotReadIsInvalidYaml() {
        assertProblem(entry("account: \"012345678901\"", "expires: 2026-12-31", "ticket: \"\\UFFFFFFFF\""),
                "is not valid YAML: the YAML reader failed on it (NumberFormatException: For input string: \"FFFFFFFF\"");
        assertProblem("- reason: \"\\x", "is not valid YAML: the YAML reader failed on it (NumberFormatException");
    }

    /** Found by ExceptionsFilePropertyTest: each value below broke the message that quotes it. */
    @Test
    void problemsQuoteValuesShortOnOneLineAndWithoutControlCharacters() throws IOException {
        // toString() of a recursive alias overflowed the stack
        assertProblem("- {account: \"012345678901\", reason: &a [{k: *a}], approver: a, ticket: t, expires: 2026-12-31}\n",
                "field 'reason' must be text, got '[{k: […]}]'");
        // escape sequences reached the terminal
        assertProblem(entry("account: \"\\e[2J\\e]0;title\\a\"", "expires: 2026-12-31"),
                "got '\\u001B[2J\\u001B]0;title\\u0007'");
        assertProblem(entry("account: \"012345678901\"", "expires: \"2026-12-31\\u202E\\u2028\""),
                "got '2026-12-31\\u202E\\u2028'");
        // every repetition of an aliased scalar was written out: this 100 kB file gave a 100 MB message
        Path fanOut = write("- account: &s \"" + "1".repeat(100_000) + "\"\n  reason: [" + "*s, ".repeat(999) + "*s]\n"
                + "  approver: a\n  ticket: t\n  expires: 2026-12-31\n");
        assertThatThrownBy(() -> ExceptionRegister.load(fanOut, RULE_IDS))
                .isInstanceOfSatisfying(InvalidExceptionsFileException.class, e -> assertThat(e.problems())
                        .containsExactly(
                                fanOut + ": entry 1: field 'account' must be exactly 12 digits, got '" + "1".repeat(80)
                                        + "…'; quote it, e.g. account: \"012345678901\", because YAML drops leading zeros"
                                        + " of unquoted numbers",
                                fanOut + ": entry 1: field 'reason' must be text, got '[" + "1".repeat(79) + "…'; put it in quotes"));
        assertProblem(entry("account: \"012345678901\"", "expires: 2026-12-31", "? !!binary aGVsbG8=\n  : x"),
                "field '(binary, 5 bytes)' is unknown");
    }

    @Test
    void missingFileIsAnInvalidFile() {
        Path missing = dir.resolve("missing.yml");
        assertThatThrownBy(() -> ExceptionRegister.load(missing, RULE_IDS))
                .isInstanceOf(InvalidExceptionsFileException.class)
                .hasMessageContaining("Cannot read exceptions file " + missing);
    }

    /** One top-level-list entry with valid reason/approver/ticket plus the given lines. */
    private static String entry(String... lines) {
        StringBuilder yaml = new StringBuilder("- reason: r\n  approver: a\n  ticket: T-1\n");
        for (String line : lines) {
            yaml.append("  ").append(line).append('\n');
        }
        return yaml.toString();
    }

    private ExceptionRegister load(String yaml) throws IOException {
        return ExceptionRegister.load(write(yaml), RULE_IDS);
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "exceptions", ".yml"), yaml);
    }

    private AbstractStringAssert<?> assertProblem(String yaml, String... expectedFragments) {
        Path file;
        try {
            file = write(yaml);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return assertThatThrownBy(() -> ExceptionRegister.load(file, RULE_IDS))
                .isInstanceOf(InvalidExceptionsFileException.class)
                .hasMessageStartingWith(file.toString())
                .hasMessageContainingAll(expectedFragments)
                .message();
    }
}
