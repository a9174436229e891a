package io.rootaudit.report;

import io.rootaudit.config.RootAuditProperties;
import io.rootaudit.store.RunRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Renders a run's evidence pack into its local folder: every {@link ArtifactWriter} in order (results.json
 * first, so the PDF can embed it and show its digest), then {@code manifest.json} over their bytes, then its
 * signature when a signing key is configured ({@link ManifestSigner}). The local
 * copy is always written and kept, whether or not the pack is also published to S3.
 */
@Component
public class EvidencePack {

    /** The machine-readable record, written first; the PDF embeds it and shows its digest. */
    public static final String RESULTS_JSON = "results.json";
    /** The report an auditor files; its cover repeats the run, the organization and the digest of results.json. */
    public static final String REPORT_PDF = "report.pdf";

    private static final Logger log = LoggerFactory.getLogger(EvidencePack.class);

    private final EvidenceReports reports;
    private final List<ArtifactWriter> writers;
    private final RootAuditProperties properties;
    private final JsonMapper json;
    private final ManifestSigner signer;

    EvidencePack(EvidenceReports reports, List<ArtifactWriter> writers, RootAuditProperties properties, JsonMapper json,
                 ManifestSigner signer) {
        this.reports = reports;
        this.writers = writers;
        this.properties = properties;
        this.json = json;
        this.signer = signer;
    }

    /** The folder where the files of {@code run} are written. */
    public RunFolder folderOf(RunRecord run) {
        return RunFolder.of(properties.report().localDir(), run.organizationId(), run.period(), run.runId());
    }

    /**
     * Writes every artifact of the run and its manifest.
     *
     * @param endedAt end of the run; {@code null} re-renders a completed run with its stored end
     */
    public Written write(RunRecord run, Instant endedAt) {
        return write(run, endedAt, StepMeter.NONE);
    }

    /** The same, with each step's memory measured by {@code meter} (the report benchmark's heap probe). */
    public Written write(RunRecord run, Instant endedAt, StepMeter meter) {
        long start = System.nanoTime();
        meter.start();
        EvidenceReport report = reports.build(run.runId(), endedAt);
        Step model = new Step("report model (from the store)", (System.nanoTime() - start) / 1_000_000, meter.peakBytes(), 0);
        Written written = render(report, folderOf(run), meter, model);
        signer.sign(written.folder());
        log.info("Evidence pack of run {} written to {} in {} ms", run.runId(), written.folder().path(),
                (System.nanoTime() - start) / 1_000_000);
        return written;
    }

    /**
     * Writes every artifact of {@code report} into {@code folder}, then the manifest over their bytes (its run,
     * organization, period and tool version are those of the report, which every artifact shows).
     */
    Written render(EvidenceReport report, RunFolder folder, StepMeter meter, Step model) {
        List<Step> steps = new ArrayList<>(List.of(model));
        List<Manifest.Artifact> artifacts = new ArrayList<>();
        for (ArtifactWriter writer : writers) {
            EvidenceReport current = report;
            meter.start();
            long t = System.nanoTime();
            Path file = folder.write(writer.fileName(), out -> writer.write(current, folder.path(), out));
            Manifest.Artifact artifact = artifact(file);
            artifacts.add(artifact);
            if (writer.fileName().equals(ResultsJsonWriter.FILE)) {
                report = report.withResultsJsonSha256(artifact.sha256());
            }
            Step step = new Step(writer.fileName(), (System.nanoTime() - t) / 1_000_000, meter.peakBytes(), artifact.bytes());
            steps.add(step);
            log.info("Wrote {} ({} bytes) in {} ms", file, artifact.bytes(), step.millis());
        }
        EvidenceReport.RunInfo run = report.run();
        Manifest manifest = new Manifest(Manifest.SCHEMA_VERSION, run.runId(), run.organizationId(), run.period(), run.toolVersion(),
                run.generatedAt(), artifacts);
        folder.write(Manifest.FILE, out -> json.writerWithDefaultPrettyPrinter().writeValue(out, manifest));
        return new Written(manifest, folder, steps);
    }

    /** What a rendering produced, with the time and peak heap of each step (for logs and the benchmark). */
    public record Written(Manifest manifest, RunFolder folder, List<Step> steps) {}

    /** @param peakHeapBytes peak memory in use during the step, as the {@link StepMeter} measured it (0: not measured) */
    public record Step(String name, long millis, long peakHeapBytes, long bytes) {}

    /** Measures memory around each step of a rendering; real runs measure nothing. */
    public interface StepMeter {
        StepMeter NONE = new StepMeter() {
            @Override
            public void start() {}

            @Override
            public long peakBytes() {
                return 0;
            }
        };

        /** A step begins. */
        void start();

        /** The peak since {@link #start()}. */
        long peakBytes();
    }

    private static Manifest.Artifact artifact(Path file) {
        try {
            return new Manifest.Artifact(file.getFileName().toString(), Files.size(file), Digests.sha256(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
