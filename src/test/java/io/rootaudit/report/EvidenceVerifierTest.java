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

    private EvidenceVerifier.Result verify(String manifest) throws IOException {
        Files.writeString(pack.manifest(), manifest);
        return verifier.verify(pack.folder().toString());
    }
}
