package io.rootaudit.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvidenceVerifierTest {

    private final EvidenceVerifier verifier = new EvidenceVerifier(null, Manifests.applicationJsonMapper());

    @TempDir
    Path root;

    private Manifests.Pack pack;

    @BeforeEach
    void createPack() throws IOException {
        pack = Manifests.Pack.create(root);
    }

    /** Found by ManifestPropertyTest: each of these made verify throw NullPointerException (exit 1, a stack trace). */
    @Test
    void aManifestWithoutArtifactsOrWithEmptyEntriesIsAProblem() throws IOException {
        assertThat(verify("null").problems()).containsExactly("manifest.json: has no \"artifacts\" list");
        assertThat(verify("{}").problems()).containsExactly("manifest.json: has no \"artifacts\" list");
        assertThat(verify("{\"artifacts\":null}").ok()).isFalse();

        EvidenceVerifier.Result result = verify("{\"runId\":\"r\",\"artifacts\":[null,{\"bytes\":1},{\"file\":null,\"bytes\":0}]}");
        assertThat(result.ok()).isFalse();
        assertThat(result.problems()).containsExactly("manifest.json: artifact 1 names no file",
                "manifest.json: artifact 2 names no file", "manifest.json: artifact 3 names no file");
    }

    /**
     * Found by ManifestPropertyTest: verify opened whatever path an entry named. With the outside file's right size
     * and digest, '../../outside/secret.txt' even verified as a matching artifact of the pack.
     */
    @Test
    void anEntryThatIsNotAPlainFileNameIsAProblemAndIsNotRead() throws IOException {
        String outside = pack.outside().toAbsolutePath().toString();
        for (String name : new String[] {"../../outside/secret.txt", outside, "sub/../../../outside/secret.txt",
                "..\\..\\outside\\secret.txt", "C:secret.txt", "", ".", "..", "results.json\u0000"}) {
            EvidenceVerifier.Result result = verify("{\"artifacts\":[{\"file\":" + Manifests.write(name) + ",\"bytes\":"
                    + pack.outsideBytes().length + ",\"sha256\":\"" + pack.outsideSha256() + "\"}]}");

            assertThat(result.ok()).as(name).isFalse();
            assertThat(result.problems()).as(name).containsExactly("manifest.json: artifact 1 names '"
                    + name.replace("\u0000", "\\u0000") + "', which is not a file name of the pack folder; it was not read");
        }
    }

    /** Found by ManifestPropertyTest: Path.resolve threw InvalidPathException out of verify (exit 1, a stack trace). */
    @Test
    void aFileNameTheFileSystemCannotRepresentIsUnreadable() throws IOException {
        EvidenceVerifier.Result result = verify("{\"artifacts\":[{\"file\":\"\\ud800.csv\",\"bytes\":2,\"sha256\":\"\"}]}");

        assertThat(result.problems()).singleElement().asString()
                .contains(".csv: missing or unreadable (not a valid file name on this system: ");
    }

    /** Found by ManifestPropertyTest: problems repeated the manifest's text whole, control characters included. */
    @Test
    void problemsQuoteTheManifestShortAndWithoutControlCharacters() throws IOException {
        String parseError = verify("\"\u4f8a\\u0000\u970e\"").problems().get(0); // a JSON escape of NUL
        assertThat(parseError).startsWith("manifest.json: cannot be read (").contains("\\u0000").doesNotContain("\u0000");

        String longName = "x".repeat(100_000);
        EvidenceVerifier.Result result = verify("{\"artifacts\":[{\"file\":\"" + longName + "\",\"bytes\":1,\"sha256\":\"\"},"
                + "{\"file\":\"report.pdf\",\"bytes\":15,\"sha256\":\"\\u001b]0;title\\u0007" + "f".repeat(100_000) + "\"}]}");
        assertThat(result.problems()).hasSize(2);
        assertThat(result.problems().get(0)).startsWith("x".repeat(80) + "…: missing or unreadable (").hasSizeLessThan(500);
        assertThat(result.problems().get(1)).endsWith(", manifest says \\u001B]0;title\\u0007" + "f".repeat(60) + "…");
    }

    @Test
    void plainFileNamesAreRead() throws IOException {
        manifestOf("results.json", "accounts.csv");
        assertThat(verifier.verify(pack.folder().toString()).ok()).isTrue();

        Files.writeString(pack.folder().resolve("accounts.csv"), "changed");
        assertThat(verifier.verify(pack.folder().toString()).problems()).hasSize(2)
                .first().isEqualTo("accounts.csv: 7 bytes, manifest says 40");
    }

    private void manifestOf(String... files) throws IOException {
        StringBuilder artifacts = new StringBuilder();
        for (String file : files) {
            byte[] content = pack.artifacts().get(file);
            artifacts.append(artifacts.isEmpty() ? "" : ",").append("{\"file\":\"").append(file).append("\",\"bytes\":")
                    .append(content.length).append(",\"sha256\":\"").append(Digests.sha256(content)).append("\"}");
        }
        Files.writeString(pack.manifest(), "{\"runId\":\"r\",\"artifacts\":[" + artifacts + "]}");
    }

    private EvidenceVerifier.Result verify(String manifest) throws IOException {
        Files.writeString(pack.manifest(), manifest);
        return verifier.verify(pack.folder().toString());
    }
}
