package io.rootaudit.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootaudit.compliance.ExceptionsFiles;
import io.rootaudit.property.Document;
import io.rootaudit.property.Gen;
import io.rootaudit.property.PropertyRunner;
import io.rootaudit.report.Manifests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The readers of untrusted input through the real command line, a few inputs each (a start costs 1 to 2
 * seconds; the readers' own property tests try thousands): a bad exceptions file stops any command with exit 2
 * and one line per problem, a bad manifest makes {@code verify} exit 7 (or 0), and neither ever exits 1 or
 * prints a stack trace.
 */
class UntrustedInputCliTest {

    private static final Pattern STACK_TRACE = Pattern.compile("(?m)^\\s+at [\\w.$]+\\(|^Caused by: |Exception in thread");

    @TempDir
    Path work;

    /** Files that each crashed startup with exit 1 and a stack trace before the readers were hardened. */
    @Test
    void exceptionsFilesThatOnceCrashedStopTheRunWithExit2() throws Exception {
        for (Document doc : List.of(
                Document.text("tag that does not fit", "- account: !!map x\n"),
                Document.text("recursive alias", "- {account: \"012345678901\", reason: &a [{k: *a}]}\n"),
                Document.text("escape the YAML scanner cannot read", "- reason: \"\\UFFFFFFFF\"\n"))) {
            assertRefusedAtStartup(doc);
        }
    }

    @Test
    void generatedBrokenExceptionsFilesStopTheRunWithExit2() {
        PropertyRunner.forAll(2, ExceptionsFiles.invalid(), d -> List.of(), this::assertRefusedAtStartup);
    }

    @Test
    void aManifestEntryOutsideThePackIsAVerificationFailureNamingIt() throws Exception {
        Manifests.Pack pack = Manifests.Pack.create(work.resolve("packs"));
        Files.writeString(pack.manifest(), "{\"runId\":\"r\",\"artifacts\":[{\"file\":\"../../outside/secret.txt\",\"bytes\":"
                + pack.outsideBytes().length + ",\"sha256\":\"" + pack.outsideSha256() + "\"}]}");

        Invocation run = verify(pack);

        assertThat(run.exitCode()).isEqualTo(7);
        assertThat(run.err()).contains("manifest.json: artifact 1 names '../../outside/secret.txt', which is not a file name"
                + " of the pack folder; it was not read");
    }

    @Test
    void aManifestThatOnceCrashedVerifyIsAVerificationFailure() throws Exception {
        Manifests.Pack pack = Manifests.Pack.create(work.resolve("packs"));
        Files.writeString(pack.manifest(), "null");

        Invocation run = verify(pack);

        assertThat(run.exitCode()).isEqualTo(7);
        assertThat(run.err()).contains("manifest.json: has no \"artifacts\" list");
        assertNoStackTrace(run);
    }

    @Test
    void theRunIdOfAnIntactPackIsPrintedWithoutItsControlCharacters() throws Exception {
        Manifests.Pack pack = Manifests.Pack.create(work.resolve("packs"));

        Invocation run = verify(pack);

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("OK: 5 files of run " + pack.written().runId() + " match manifest.json");
    }

    /** A run id that disagrees with the pack's other files is named in the problem, its control characters escaped. */
    @Test
    void aRunIdWithControlCharactersIsQuotedEscaped() throws Exception {
        Manifests.Pack pack = Manifests.Pack.create(work.resolve("packs"));
        String runId = pack.written().runId();
        Files.writeString(pack.manifest(), Manifests.of(pack).valid().text().replace(runId, "\\u001b[2J" + runId));

        Invocation run = verify(pack);

        assertThat(run.exitCode()).isEqualTo(7);
        assertThat(run.err()).contains("  - the run id disagrees: manifest.json says '\\u001B[2J" + runId + "'")
                .doesNotContain("\u001b");
        assertNoStackTrace(run);
    }

    @Test
    void generatedManifestsGiveExit0Or7WithAMessage() throws Exception {
        Manifests.Pack pack = Manifests.Pack.create(work.resolve("packs"));
        Gen<Document> manifests = Manifests.of(pack).any();
        PropertyRunner.forAll(2, manifests, d -> List.of(), doc -> {
            doc.writeTo(pack.manifest());

            Invocation run = verify(pack);

            assertThat(run.exitCode()).as("exit code").isIn(0, 7);
            if (run.exitCode() == 7) {
                assertThat(run.err()).contains("rootaudit: verification of " + pack.folder() + " failed:").contains("\n  - ");
            } else {
                assertThat(run.out()).startsWith("OK: ");
            }
            assertNoStackTrace(run);
            assertThat((run.out() + run.err()).codePoints().filter(cp -> Character.isISOControl(cp) && cp != '\n' && cp != '\t'))
                    .as("control characters printed").isEmpty();
        });
    }

    private void assertRefusedAtStartup(Document doc) throws Exception {
        Path file = doc.writeTo(work.resolve("exceptions.yml"));

        Invocation run = Invocation.run(null, work, "verify", "--path", work.resolve("no-pack").toString(),
                "--rootaudit.exceptions-file=" + file);

        assertThat(run.exitCode()).as("exit code for " + doc).isEqualTo(2);
        assertThat(run.err()).as("stderr for " + doc).contains("rootaudit: invalid configuration:").contains("  - " + file);
        assertNoStackTrace(run);
    }

    private Invocation verify(Manifests.Pack pack) {
        return Invocation.run(null, work, "verify", "--path", pack.folder().toString());
    }

    private static void assertNoStackTrace(Invocation run) {
        assertThat(STACK_TRACE.matcher(run.out() + run.err()).find()).as("a stack trace in\n" + run.out() + run.err()).isFalse();
    }
}
