package io.rootaudit.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootaudit.property.Document;
import io.rootaudit.property.PropertyRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exceptions file is untrusted input: whatever it holds, reading it either yields a register or fails with
 * {@link InvalidExceptionsFileException} and a readable message naming the file, which the CLI turns into exit 2.
 * Any other exception or error (NullPointerException, ClassCastException, a SnakeYAML exception leaking,
 * StackOverflowError, OutOfMemoryError) would be a crash at startup and fails these properties.
 */
class ExceptionsFilePropertyTest {

    /** A problem line longer than this does not help the reader; it only echoes the input back. */
    static final int MAX_PROBLEM_LENGTH = 2_000;

    @TempDir
    Path dir;

    @Test
    void anyFileIsReadOrRefusedWithAMessageNamingIt() {
        PropertyRunner.forAll(1_000, ExceptionsFiles.any(), Document::shrinks, doc -> {
            Path file = doc.writeTo(dir.resolve("exceptions.yml"));
            Outcome outcome = Outcome.of(file);
            if (outcome.refusal() != null) {
                assertReadableRefusal(outcome.refusal(), file);
            }
        });
    }

    @Test
    void pathologicalFilesAreReadOrRefusedWithAMessageNamingIt() throws Exception {
        for (Document doc : ExceptionsFiles.PATHOLOGICAL) {
            Path file = doc.writeTo(dir.resolve("exceptions.yml"));
            try {
                Outcome outcome = Outcome.of(file);
                if (outcome.refusal() != null) {
                    assertReadableRefusal(outcome.refusal(), file);
                }
            } catch (AssertionError e) {
                throw new AssertionError(doc + "\n" + e.getMessage(), e);
            }
        }
    }

    @Test
    void validFilesAreRead() {
        PropertyRunner.forAll(200, ExceptionsFiles.valid(), doc -> java.util.List.of(), doc -> {
            Outcome outcome = Outcome.of(doc.writeTo(dir.resolve("exceptions.yml")));

            assertThat(outcome.refusal()).as("refusal of a valid file").isNull();
            assertThat(outcome.register().entries()).isNotEmpty();
        });
    }

    @Test
    void brokenEntriesAreRefused() {
        PropertyRunner.forAll(300, ExceptionsFiles.invalid(), doc -> java.util.List.of(), doc -> {
            Path file = doc.writeTo(dir.resolve("exceptions.yml"));
            Outcome outcome = Outcome.of(file);

            assertThat(outcome.register()).as("register read from an invalid file").isNull();
            assertReadableRefusal(outcome.refusal(), file);
        });
    }

    static void assertReadableRefusal(InvalidExceptionsFileException refusal, Path file) {
        assertThat(refusal.getMessage()).as("message").isNotBlank().contains(file.toString());
        assertThat(refusal.problems()).as("problems").isNotEmpty();
        for (String problem : refusal.problems()) {
            assertThat(problem).as("problem naming the file").contains(file.toString());
            assertThat(problem.length()).as("length of a problem").isLessThanOrEqualTo(MAX_PROBLEM_LENGTH);
            assertThat(problem.codePoints().filter(cp -> Character.isISOControl(cp) && cp != '\n' && cp != '\t'))
                    .as("control characters in a problem, which would act on the terminal").isEmpty();
        }
    }

    /** What reading a file gave: a register, or the refusal; anything else thrown fails the property. */
    record Outcome(ExceptionRegister register, InvalidExceptionsFileException refusal) {
        static Outcome of(Path file) {
            try {
                return new Outcome(ExceptionRegister.load(file, ExceptionsFiles.RULE_IDS), null);
            } catch (InvalidExceptionsFileException e) {
                return new Outcome(null, e);
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                throw new AssertionError("[escaped] reading the exceptions file escaped with " + e, e);
            } finally {
                deleteQuietly(file);
            }
        }

        private static void deleteQuietly(Path file) {
            try {
                Files.deleteIfExists(file);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
