package io.rootaudit.application;

import io.rootaudit.report.EvidencePack;
import io.rootaudit.report.Manifest;
import io.rootaudit.report.RunFolder;
import io.rootaudit.report.S3Publisher;
import io.rootaudit.store.RunRecord;
import io.rootaudit.store.RunStore;
import java.nio.file.Files;
import java.time.Clock;
import org.springframework.stereotype.Service;

/**
 * Publishing a completed run's evidence pack to S3: the one way it happens, whether at the end of {@code audit},
 * when an audited period is run again after a failed upload, or with {@code publish --run ID}. A pack whose local
 * copy is gone is rendered again from the store first; the published location is recorded with the run.
 */
@Service
public class PublishRun {

    private final RunStore store;
    private final EvidencePack pack;
    private final S3Publisher publisher;
    private final Clock clock;

    PublishRun(RunStore store, EvidencePack pack, S3Publisher publisher, Clock clock) {
        this.store = store;
        this.pack = pack;
        this.publisher = publisher;
        this.clock = clock;
    }

    public boolean configured() {
        return publisher.enabled();
    }

    /** {@code publish --run ID}: the stored run, if it is completed, published (again). */
    public Result publish(String runId) {
        StoredRun stored = StoredRun.of(runId, store.run(runId));
        if (stored.kind() != StoredRun.Kind.COMPLETED) {
            return new Result(stored, null);
        }
        return new Result(stored, publish(stored.run(), true));
    }

    /** @param stored the run as asked for; {@code outcome} is null unless it is a completed run */
    public record Result(StoredRun stored, PublishOutcome outcome) {}

    /**
     * Publishes a completed run's pack unless it is already published (or {@code again} asks for it anyway).
     * Publishing failures never touch the local pack.
     */
    PublishOutcome publish(RunRecord run, boolean again) {
        RunFolder folder = pack.folderOf(run);
        if (!publisher.enabled()) {
            return PublishOutcome.of(PublishOutcome.Kind.NOT_CONFIGURED, run.runId(), folder.path());
        }
        if (run.publishedTo() != null && !again) {
            return new PublishOutcome(PublishOutcome.Kind.ALREADY_PUBLISHED, run.runId(), run.publishedTo(), null,
                    folder.path());
        }
        if (!Files.exists(folder.file(Manifest.FILE))) {
            pack.write(run, null);
        }
        try {
            String location = publisher.publish(run, folder);
            store.markPublished(run.runId(), location, clock.instant());
            return new PublishOutcome(PublishOutcome.Kind.PUBLISHED, run.runId(), location, null, folder.path());
        } catch (S3Publisher.PublishException e) {
            return new PublishOutcome(PublishOutcome.Kind.FAILED, run.runId(), null, e.getMessage(), folder.path());
        }
    }
}
