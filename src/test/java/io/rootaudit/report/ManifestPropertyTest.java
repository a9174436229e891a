package io.rootaudit.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootaudit.property.Document;
import io.rootaudit.property.PropertyRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code manifest.json} is untrusted input: whatever it holds, {@code verify} returns a result (the pack matches,
 * or the problems found), never an exception, which the CLI would turn into exit 1 and a stack trace instead
 * of exit 7. An entry that is not a plain file name of the pack folder is a problem, and nothing outside the
 * pack folder is read.
 */
class ManifestPropertyTest {

    /** The verifier reads with the JsonMapper that Spring Boot configures for the application. */
    private static final JsonMapper BOOT_JSON = Manifests.applicationJsonMapper();

    static final int MAX_PROBLEM_LENGTH = 2_000;

    @TempDir
    Path root;

    private Manifests.Pack pack;
    private Manifests manifests;
    private final EvidenceVerifier verifier = Manifests.verifier();

    @BeforeEach
    void createPack() throws IOException {
        pack = Manifests.Pack.create(root);
        manifests = Manifests.of(pack);
    }

    @Test
    void theManifestOfAnIntactPackVerifies() throws IOException {
        manifests.valid().writeTo(pack.manifest());

        EvidenceVerifier.Result result = verifier.verify(pack.folder().toString());

        assertThat(result.problems()).isEmpty();
        assertThat(result.ok()).isTrue();
    }

    @Test
    void anyManifestGivesAResultWithReadableProblems() {
        PropertyRunner.forAll(1_000, manifests.any(), Document::shrinks, doc -> {
            EvidenceVerifier.Result result = verify(doc);

            if (!result.ok()) {
                assertThat(result.problems()).as("problems of a failed verification").isNotEmpty();
            }
            assertReadable(result.problems());
            assertNothingReadOutside(doc, result.problems());
        });
    }

    @Test
    void entriesThatAreNotPlainFileNamesAreProblemsAndAreNotRead() {
        PropertyRunner.forAll(300, manifests.escaping(), Document::shrinks, doc -> {
            EvidenceVerifier.Result result = verify(doc);

            assertThat(result.ok()).as("verification of a manifest naming files outside the pack").isFalse();
            List<?> artifacts = (List<?>) BOOT_JSON.readValue(doc.bytes(), Map.class).get("artifacts");
            long outsideEntries = artifacts.stream().map(a -> (String) ((Map<?, ?>) a).get("file"))
                    .filter(file -> !pack.artifacts().containsKey(file)).count();
            assertThat(result.problems().stream().filter(p -> p.contains("not a file name of the pack")))
                    .as("problems for entries outside the pack").hasSize((int) outsideEntries);
            assertReadable(result.problems());
            assertNothingReadOutside(doc, result.problems());
        });
    }

    private EvidenceVerifier.Result verify(Document manifest) throws IOException {
        manifest.writeTo(pack.manifest());
        try {
            return verifier.verify(pack.folder().toString());
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            throw new AssertionError("[escaped] verify escaped with " + e, e);
        }
    }

    static void assertReadable(List<String> problems) {
        for (String problem : problems) {
            assertThat(problem).as("problem").isNotBlank();
            assertThat(problem.length()).as("length of a problem").isLessThanOrEqualTo(MAX_PROBLEM_LENGTH);
            assertThat(problem.codePoints().filter(cp -> Character.isISOControl(cp) && cp != '\n' && cp != '\t'))
                    .as("control characters in a problem, which would act on the terminal").isEmpty();
        }
    }

    /**
     * Problems may quote the manifest (a parse error quotes the token it stopped at), so a digest the manifest itself
     * holds proves nothing; one it does not hold can only come from reading the file outside the pack. (Found by this
     * property: a manifest shrunk to the outside file's digest alone, which the parse error quoted.)
     */
    private void assertNothingReadOutside(Document manifest, List<String> problems) {
        if (manifest.text().contains(pack.outsideSha256())) {
            return;
        }
        assertThat(String.join("\n", problems)).as("problems showing the digest of a file outside the pack")
                .doesNotContain(pack.outsideSha256());
    }
}
