package io.rootaudit.report;

import io.rootaudit.compliance.QuotedValue;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.exception.SdkException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Recomputes the size and SHA-256 of every artifact listed in an evidence pack's manifest, in a local folder
 * or under an {@code s3://bucket/prefix/}, and names every file that is missing or differs. The manifest is
 * untrusted input: whatever it holds gives a result, never an exception, and its text is quoted in problems
 * short and without control characters.
 */
@Component
public class EvidenceVerifier {

    private final S3Publisher s3;
    private final JsonMapper json;

    EvidenceVerifier(S3Publisher s3, JsonMapper json) {
        this.s3 = s3;
        this.json = json;
    }

    /** The outcome: the manifest read (null when unreadable) and every problem found. */
    public record Result(Manifest manifest, List<String> problems) {
        public boolean ok() {
            return manifest != null && problems.isEmpty();
        }
    }

    public Result verify(String location) {
        Source source = location.startsWith("s3://") ? s3Source(location) : localSource(Path.of(location));
        Manifest manifest;
        try (InputStream in = source.open(Manifest.FILE)) {
            manifest = json.readValue(in, Manifest.class);
        } catch (IOException | RuntimeException e) {
            return new Result(null, List.of(Manifest.FILE + ": cannot be read (" + QuotedValue.printable(e.getMessage()) + ")"));
        }
        if (manifest == null || manifest.artifacts() == null) {
            return new Result(null, List.of(Manifest.FILE + ": has no \"artifacts\" list"));
        }
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < manifest.artifacts().size(); i++) {
            Manifest.Artifact a = manifest.artifacts().get(i);
            if (a == null || a.file() == null) {
                problems.add(Manifest.FILE + ": artifact " + (i + 1) + " names no file");
                continue;
            }
            if (!isPlainFileName(a.file())) {
                problems.add(Manifest.FILE + ": artifact " + (i + 1) + " names '" + QuotedValue.of(a.file())
                        + "', which is not a file name of the pack folder; it was not read");
                continue;
            }
            String name = QuotedValue.of(a.file());
            try (InputStream in = source.open(a.file())) {
                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                long size = new DigestInputStream(in, digest).transferTo(OutputSink.INSTANCE);
                String sha = HexFormat.of().formatHex(digest.digest());
                if (size != a.bytes()) {
                    problems.add(name + ": " + size + " bytes, manifest says " + a.bytes());
                }
                if (!sha.equals(a.sha256())) {
                    problems.add(name + ": SHA-256 " + sha + ", manifest says " + QuotedValue.of(a.sha256()));
                }
            } catch (IOException | SdkException e) {
                problems.add(name + ": missing or unreadable (" + QuotedValue.printable(e.getMessage()) + ")");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        return new Result(manifest, problems);
    }

    /**
     * Every artifact of a pack lies in the pack's folder, so the manifest names each by its file name alone. A
     * name with a path in it ({@code ../../etc/hostname}, {@code /etc/hostname}, {@code sub/x}) or that is empty,
     * {@code .} or {@code ..} would make verify read outside the pack and is never opened.
     */
    static boolean isPlainFileName(String name) {
        return !name.isEmpty() && !name.equals(".") && !name.equals("..")
                && name.chars().noneMatch(c -> c == '/' || c == '\\' || c == ':' || Character.isISOControl(c));
    }

    private interface Source {
        InputStream open(String file) throws IOException;
    }

    /** A name the file system cannot represent (a lone surrogate; any non-ASCII name in a POSIX locale) is unreadable. */
    private static Source localSource(Path folder) {
        return file -> {
            Path path;
            try {
                path = folder.resolve(file);
            } catch (InvalidPathException e) {
                throw new IOException("not a valid file name on this system: " + e.getReason(), e);
            }
            return Files.newInputStream(path);
        };
    }

    private Source s3Source(String location) {
        String rest = location.substring("s3://".length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? "" : rest.substring(slash + 1);
        String base = prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
        return file -> s3.open(bucket, base + file);
    }

    /** Discards bytes: only their digest matters. */
    private static final class OutputSink extends java.io.OutputStream {
        static final OutputSink INSTANCE = new OutputSink();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }

}
