package io.rootaudit.report;

import java.time.Instant;
import java.util.List;

/**
 * {@code manifest.json}: every artifact of an evidence pack with its size and SHA-256, so anyone can prove
 * later that nothing was altered after the run (the {@code verify} command recomputes them).
 */
public record Manifest(String schemaVersion, String runId, String organizationId, String period, String toolVersion,
                       Instant generatedAt, List<Artifact> artifacts) {

    /** 2: packs hold findings.ocsf.json. 1: packs made before it. */
    public static final String SCHEMA_VERSION = "2";

    public static final String FILE = "manifest.json";

    public record Artifact(String file, long bytes, String sha256) {}
}
