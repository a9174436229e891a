package io.rootaudit.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rootaudit.devtools.benchmark.SyntheticEvidence;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pack's rendering: results.json first, the other artifacts side by side, the manifest in writer order with the
 * digest of each file's bytes, and no manifest at all when any artifact fails.
 */
class EvidencePackTest {

    private static final EvidencePack.Step MODEL = new EvidencePack.Step("model", 0, 0, 0);

    @TempDir
    Path folder;

    @Test
    void theManifestListsTheArtifactsInWriterOrderWithTheDigestsOfTheirBytes() throws IOException {
        // the slow writer finishes last but is listed first: the order is the writers', not the finishing order
        List<ArtifactWriter> writers = List.of(resultsJson(), new Fixed("slow.txt", "slow", 300), new Fixed("fast.txt", "fast", 0));

        Manifest manifest = pack(writers).render(SyntheticEvidence.of(2), new RunFolder(folder), EvidencePack.StepMeter.NONE, MODEL)
                .manifest();

        assertThat(manifest.artifacts()).extracting(Manifest.Artifact::file)
                .containsExactly(EvidencePack.RESULTS_JSON, "slow.txt", "fast.txt");
        for (Manifest.Artifact artifact : manifest.artifacts()) {
            Path file = folder.resolve(artifact.file());
            assertThat(artifact.sha256()).as(artifact.file()).isEqualTo(Digests.sha256(file));
            assertThat(artifact.bytes()).as(artifact.file()).isEqualTo(Files.size(file));
        }
        assertThat(folder.resolve(Manifest.FILE)).exists();
    }

    @Test
    void everyArtifactAfterResultsJsonIsRenderedWithItsDigest() {
        RecordingDigest recording = new RecordingDigest();

        Manifest manifest = pack(List.of(resultsJson(), recording, new Fixed("other.txt", "x", 0)))
                .render(SyntheticEvidence.of(2), new RunFolder(folder), EvidencePack.StepMeter.NONE, MODEL).manifest();

        assertThat(recording.seen).isEqualTo(manifest.artifacts().get(0).sha256());
    }

    @Test
    void aFailingArtifactFailsThePackLeavingNoManifestAndNoTemporaryFile() throws IOException {
        List<ArtifactWriter> writers = List.of(resultsJson(), new Fixed("slow.txt", "slow", 300), new Failing());

        assertThatThrownBy(() -> pack(writers).render(SyntheticEvidence.of(2), new RunFolder(folder),
                EvidencePack.StepMeter.NONE, MODEL))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("broken.txt");

        assertThat(folder.resolve(Manifest.FILE)).doesNotExist();
        assertThat(folder.resolve("broken.txt")).doesNotExist();
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    @Test
    void aPackThatDoesNotBeginWithResultsJsonIsRefused() {
        assertThatThrownBy(() -> pack(List.of(new Fixed("a.txt", "a", 0), resultsJson()))
                .render(SyntheticEvidence.of(1), new RunFolder(folder), EvidencePack.StepMeter.NONE, MODEL))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("must begin with results.json");
    }

    /** The warm-up renders a bounded sample of the run, whatever its size, and writes no file. */
    @Test
    void theWarmUpRendersAtMostItsSampleOfAccountsAndWritesNothing() throws IOException {
        AccountCount small = new AccountCount();
        AccountCount large = new AccountCount();

        pack(List.of(resultsJson(), small)).warmUp(SyntheticEvidence.of(3));
        pack(List.of(resultsJson(), large)).warmUp(SyntheticEvidence.of(EvidencePack.WARM_UP_ACCOUNTS * 4));

        assertThat(small.seen).isEqualTo(3);
        assertThat(large.seen).isEqualTo(EvidencePack.WARM_UP_ACCOUNTS);
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files).isEmpty();
        }
    }

    private static EvidencePack pack(List<ArtifactWriter> writers) {
        return new EvidencePack(null, writers, null, Manifests.applicationJsonMapper(), null);
    }

    private static ArtifactWriter resultsJson() {
        return new ResultsJsonWriter(Manifests.applicationJsonMapper());
    }

    /** Writes fixed text after a pause. */
    private record Fixed(String fileName, String text, long pauseMillis) implements ArtifactWriter {
        @Override
        public void write(EvidenceReport report, Path folder, OutputStream out) throws IOException {
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Fails halfway through its file. */
    private static final class Failing implements ArtifactWriter {
        @Override
        public String fileName() {
            return "broken.txt";
        }

        @Override
        public void write(EvidenceReport report, Path folder, OutputStream out) throws IOException {
            out.write("half".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }
    }

    /** Keeps the number of accounts of the report it was given. */
    private static final class AccountCount implements ArtifactWriter {
        volatile int seen = -1;

        @Override
        public String fileName() {
            return "count.txt";
        }

        @Override
        public void write(EvidenceReport report, Path folder, OutputStream out) throws IOException {
            seen = report.accounts().size();
            out.write(String.valueOf(seen).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Keeps the results.json digest it was given. */
    private static final class RecordingDigest implements ArtifactWriter {
        volatile String seen;

        @Override
        public String fileName() {
            return "digest.txt";
        }

        @Override
        public void write(EvidenceReport report, Path folder, OutputStream out) throws IOException {
            seen = report.resultsJsonSha256();
            out.write(String.valueOf(seen).getBytes(StandardCharsets.UTF_8));
        }
    }
}
