package io.rootaudit.report;

import io.rootaudit.config.RootAuditProperties;
import io.rootaudit.store.RunRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Renders a run's evidence pack into its local folder: results.json first, so the PDF can embed it and show its
 * digest, then the other {@link ArtifactWriter}s side by side, then {@code manifest.json} over their bytes, then its
 * signature when a signing key is configured ({@link ManifestSigner}). The local copy is always written and kept,
 * whether or not the pack is also published to S3.
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

    /** Accounts of the run that the warm-up renders at most. */
    static final int WARM_UP_ACCOUNTS = 50;

    /**
     * Renders the run as it stands so far, into nothing, on a background thread: the first rendering of a JVM loads
     * the PDF and spreadsheet libraries, their fonts and templates, which took most of a 1,000-account pack's time.
     * Started beside the audit, which mostly waits on AWS, it moves that cost out of the pack. A failure is only
     * logged; the pack itself reports its own.
     */
    public void warmUp(String runId) {
        Thread thread = new Thread(() -> {
            long start = System.nanoTime();
            try {
                warmUp(reports.build(runId, Instant.now()));
                log.debug("Evidence renderers warmed up in {} ms", (System.nanoTime() - start) / 1_000_000);
            } catch (Exception | LinkageError e) {
                log.debug("Warming up the evidence renderers failed; the pack will load them itself", e);
            }
        }, "evidence-pack-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    /**
     * Renders at most {@value #WARM_UP_ACCOUNTS} of the report's accounts into nothing: enough to load every
     * renderer, and never a second full rendering of a resumed run that has most of its accounts already, which could
     * still be under way when the pack itself starts and would double its memory.
     */
    void warmUp(EvidenceReport report) throws IOException {
        List<EvidenceReport.AccountRow> all = report.accounts() == null ? List.of() : report.accounts();
        EvidenceReport sample = new EvidenceReport(report.run(), report.organization(), report.summary(),
                List.copyOf(all.subList(0, Math.min(all.size(), WARM_UP_ACCOUNTS))), report.exceptions(), report.trend(),
                report.resultsJsonSha256(), report.remediation(), report.privilegedActions());
        for (ArtifactWriter writer : writers) {
            writer.write(sample, null, OutputStream.nullOutputStream());
        }
    }

    /**
     * Writes every artifact of {@code report} into {@code folder}, then the manifest over their bytes (its run,
     * organization, period and tool version are those of the report, which every artifact shows). results.json comes
     * first, since the PDF embeds it and shows its digest; the others are then rendered at once, each on its own
     * thread, because the PDF alone takes as long as all the rest together. A step meter (the report benchmark's heap
     * probe) renders them one by one instead, so that each step's memory is its own.
     */
    Written render(EvidenceReport report, RunFolder folder, StepMeter meter, Step model) {
        ArtifactWriter first = writers.get(0);
        if (!first.fileName().equals(ResultsJsonWriter.FILE)) {
            throw new IllegalStateException("the evidence pack must begin with " + ResultsJsonWriter.FILE);
        }
        Rendered results = renderOne(first, report, folder, meter);
        EvidenceReport withDigest = report.withResultsJsonSha256(results.artifact().sha256());
        List<Rendered> rendered = new ArrayList<>(List.of(results));
        List<ArtifactWriter> rest = writers.subList(1, writers.size());
        if (meter == StepMeter.NONE) {
            rendered.addAll(inParallel(rest, withDigest, folder));
        } else {
            rest.forEach(writer -> rendered.add(renderOne(writer, withDigest, folder, meter)));
        }
        List<Step> steps = new ArrayList<>(List.of(model));
        rendered.forEach(r -> steps.add(r.step()));
        EvidenceReport.RunInfo run = withDigest.run();
        Manifest manifest = new Manifest(Manifest.SCHEMA_VERSION, run.runId(), run.organizationId(), run.period(), run.toolVersion(),
                run.generatedAt(), rendered.stream().map(Rendered::artifact).toList());
        folder.write(Manifest.FILE, out -> json.writerWithDefaultPrettyPrinter().writeValue(out, manifest));
        return new Written(manifest, folder, steps);
    }

    private record Rendered(Manifest.Artifact artifact, Step step) {}

    /** The artifacts in writer order; the first failure is thrown once every rendering has ended. */
    private List<Rendered> inParallel(List<ArtifactWriter> rest, EvidenceReport report, RunFolder folder) {
        if (rest.isEmpty()) {
            return List.of();
        }
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(rest.size(), r -> {
            Thread t = new Thread(r, "evidence-pack-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Rendered>> futures = pool.invokeAll(rest.stream()
                    .<Callable<Rendered>>map(writer -> () -> renderOne(writer, report, folder, StepMeter.NONE)).toList());
            List<Rendered> rendered = new ArrayList<>();
            for (Future<Rendered> future : futures) {
                rendered.add(future.get());
            }
            return rendered;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the evidence pack into " + folder.path(), e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e.getCause() instanceof RuntimeException r ? r
                    : new IllegalStateException("cannot write the evidence pack into " + folder.path(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** One artifact, written and hashed, with its time and memory. */
    private Rendered renderOne(ArtifactWriter writer, EvidenceReport report, RunFolder folder, StepMeter meter) {
        meter.start();
        long t = System.nanoTime();
        Manifest.Artifact artifact = folder.writeArtifact(writer.fileName(), out -> writer.write(report, folder.path(), out));
        Step step = new Step(writer.fileName(), (System.nanoTime() - t) / 1_000_000, meter.peakBytes(), artifact.bytes());
        log.info("Wrote {} ({} bytes) in {} ms", folder.file(writer.fileName()), artifact.bytes(), step.millis());
        return new Rendered(artifact, step);
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
}
