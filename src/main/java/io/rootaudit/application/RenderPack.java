package io.rootaudit.application;

import io.rootaudit.report.EvidencePack;
import io.rootaudit.store.RunStore;
import java.nio.file.Path;
import org.springframework.stereotype.Service;

/** {@code report --run ID}: renders a completed run's evidence pack again from the store, without any AWS call. */
@Service
public class RenderPack {

    private final RunStore store;
    private final EvidencePack pack;

    RenderPack(RunStore store, EvidencePack pack) {
        this.store = store;
        this.pack = pack;
    }

    /** @param folder where the pack was written, when the run is completed */
    public record Result(StoredRun stored, Path folder) {}

    public Result render(String runId) {
        StoredRun stored = StoredRun.of(runId, store.run(runId));
        if (stored.kind() != StoredRun.Kind.COMPLETED) {
            return new Result(stored, null);
        }
        pack.write(stored.run(), null);
        return new Result(stored, pack.folderOf(stored.run()).path());
    }
}
