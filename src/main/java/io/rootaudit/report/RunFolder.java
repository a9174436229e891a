package io.rootaudit.report;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The evidence folder of one run, {@code <local-dir>/<organization id>/<period>/<run id>/}. Files are written
 * to a temporary name and moved into place, so a crash never leaves a half-written file under its final name.
 */
public record RunFolder(Path path) {

    public static RunFolder of(Path localDir, String organizationId, String period, String runId) {
        return new RunFolder(localDir.resolve(organizationId).resolve(period).resolve(runId));
    }

    public Path file(String name) {
        return path.resolve(name);
    }

    /** Writes {@code name} atomically through {@code writer}. */
    public Path write(String name, IoWriter writer) {
        return write(name, writer, null);
    }

    /**
     * Writes {@code name} atomically and returns its manifest entry, the SHA-256 taken from the bytes as they are
     * written rather than by reading the file back (a 10,000-account OCSF file is some 400 MB).
     */
    Manifest.Artifact writeArtifact(String name, IoWriter writer) {
        MessageDigest digest = Digests.newDigest();
        Path file = write(name, writer, digest);
        try {
            return new Manifest.Artifact(name, Files.size(file), HexFormat.of().formatHex(digest.digest()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the size of " + file, e);
        }
    }

    private Path write(String name, IoWriter writer, MessageDigest digest) {
        try {
            Files.createDirectories(path);
            Path tmp = Files.createTempFile(path, "." + name, ".tmp");
            OutputStream file = Files.newOutputStream(tmp);
            try (OutputStream out = digest == null ? file
                    : new BufferedOutputStream(new DigestOutputStream(file, digest), 1 << 16)) {
                writer.write(out);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(tmp);
                throw e;
            }
            return Files.move(tmp, file(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file(name), e);
        }
    }

    @FunctionalInterface
    public interface IoWriter {
        void write(OutputStream out) throws IOException;
    }
}
