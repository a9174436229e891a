package io.rootaudit.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

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
        try {
            Files.createDirectories(path);
            Path tmp = Files.createTempFile(path, "." + name, ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
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
