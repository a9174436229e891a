package io.rootaudit.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * One file of the evidence pack, rendered from the {@link EvidenceReport}. results.json is written first; the other
 * writers then run side by side, each on its own thread, and may read results.json from {@code folder}, as the PDF
 * does to embed it. {@code folder} is null when nothing is to be read (the renderers' warm-up).
 */
public interface ArtifactWriter {

    /** The file name inside the run folder, for example {@code evidence.xlsx}. */
    String fileName();

    void write(EvidenceReport report, Path folder, OutputStream out) throws IOException;

    /**
     * The first manifest {@code schemaVersion} whose packs hold this file. {@code verify} requires it only in packs of
     * that version or later, so packs made before the file existed still verify.
     */
    default int sinceManifestVersion() {
        return 1;
    }
}
