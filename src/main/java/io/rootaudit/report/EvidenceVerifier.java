package io.rootaudit.report;

import io.rootaudit.compliance.QuotedValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.exception.SdkException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Verifies an evidence pack, in a local folder or under an {@code s3://bucket/prefix/}, trusting nothing it reads.
 * It recomputes the size and SHA-256 of every artifact the manifest lists and names every file that is missing
 * or differs; it requires the manifest to list every artifact a pack holds (a manifest that leaves out a file
 * would let that file be replaced unnoticed); and it checks that the files describe the same run
 * ({@link PackConsistency}); then it checks who made the pack: the signature of manifest.json, with the key the
 * auditor names ({@link PackOrigin}). The manifest and the files are untrusted input: whatever they hold gives a result,
 * never an exception, and their text is quoted in problems short and without control characters.
 */
@Component
public class EvidenceVerifier {

    /** A manifest lists five files; anything longer than this is not one. */
    static final int MAX_MANIFEST_BYTES = 1 << 20;
    /** results.json and report.pdf are kept in memory up to this size for the cross-checks; larger ones are a problem. */
    static final int MAX_CROSS_CHECKED_BYTES = 256 << 20;

    private final S3Publisher s3;
    private final JsonMapper json;
    private final List<ArtifactWriter> writers;
    private final KmsSigningKey kms;

    /** @param writers the writers of a pack: each one's file must be listed by the manifest */
    EvidenceVerifier(S3Publisher s3, JsonMapper json, List<ArtifactWriter> writers, KmsSigningKey kms) {
        this.s3 = s3;
        this.json = json;
        this.writers = List.copyOf(writers);
        this.kms = kms;
    }

    /**
     * The outcome: the manifest read (null when unreadable), every problem found, and what the signature
     * proves (null when the manifest could not be read).
     */
    public record Result(Manifest manifest, List<String> problems, String origin) {
        public boolean ok() {
            return manifest != null && problems.isEmpty();
        }
    }

    /** Integrity only: a signature is reported, not checked. */
    public Result verify(String location) {
        return verify(location, VerifyOptions.INTEGRITY);
    }

    public Result verify(String location, VerifyOptions options) {
        Source source = location.startsWith("s3://") ? s3Source(location) : localSource(Path.of(location));
        Manifest manifest;
        byte[] manifestBytes;
        try (InputStream in = source.open(Manifest.FILE)) {
            manifestBytes = in.readNBytes(MAX_MANIFEST_BYTES + 1);
            if (manifestBytes.length > MAX_MANIFEST_BYTES) {
                return new Result(null, List.of(Manifest.FILE + ": larger than " + MAX_MANIFEST_BYTES + " bytes"), null);
            }
            manifest = json.readValue(manifestBytes, Manifest.class);
        } catch (IOException | RuntimeException e) {
            return new Result(null, List.of(Manifest.FILE + ": cannot be read (" + QuotedValue.printable(e.getMessage()) + ")"), null);
        }
        if (manifest == null || manifest.artifacts() == null) {
            return new Result(null, List.of(Manifest.FILE + ": has no \"artifacts\" list"), null);
        }
        List<String> problems = new ArrayList<>();
        Set<String> listed = new HashSet<>();
        Map<String, byte[]> kept = new HashMap<>();
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
            listed.add(a.file());
            boolean keep = a.file().equals(EvidencePack.RESULTS_JSON) || a.file().equals(EvidencePack.REPORT_PDF);
            byte[] bytes = check(source, a, keep, problems);
            if (bytes != null) {
                kept.put(a.file(), bytes);
            }
        }
        int version = manifestVersion(manifest);
        for (ArtifactWriter writer : writers) {
            if (writer.sinceManifestVersion() <= version && !listed.contains(writer.fileName())) {
                problems.add(Manifest.FILE + ": does not list " + writer.fileName() + ", which every evidence pack "
                        + (writer.sinceManifestVersion() > 1 ? "of schemaVersion " + writer.sinceManifestVersion() + " or later " : "")
                        + "holds");
            }
        }
        problems.addAll(PackConsistency.check(manifest, kept.get(EvidencePack.RESULTS_JSON),
                kept.get(EvidencePack.REPORT_PDF), json));
        PackOrigin origin = PackOrigin.check(manifestBytes, source, options, kms, json);
        problems.addAll(origin.problems());
        return new Result(manifest, problems, origin.statement());
    }

    /** The manifest's schemaVersion; anything unreadable counts as the newest, so that no required file is excused. */
    private static int manifestVersion(Manifest manifest) {
        try {
            return Integer.parseInt(String.valueOf(manifest.schemaVersion()));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    /** Hashes one listed file; returns its bytes when {@code keep} and they could be kept, else null. */
    private static byte[] check(Source source, Manifest.Artifact a, boolean keep, List<String> problems) {
        String name = QuotedValue.of(a.file());
        try (InputStream in = source.open(a.file())) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            KeepingSink sink = new KeepingSink(keep ? MAX_CROSS_CHECKED_BYTES : 0);
            long size = new DigestInputStream(in, digest).transferTo(sink);
            String sha = HexFormat.of().formatHex(digest.digest());
            if (size != a.bytes()) {
                problems.add(name + ": " + size + " bytes, manifest says " + a.bytes());
            }
            if (!sha.equals(a.sha256())) {
                problems.add(name + ": SHA-256 " + sha + ", manifest says " + QuotedValue.of(a.sha256()));
            }
            if (keep && sink.overflowed()) {
                problems.add(name + ": larger than " + MAX_CROSS_CHECKED_BYTES + " bytes; it was not compared with the other files");
            }
            return keep && !sink.overflowed() ? sink.bytes() : null;
        } catch (IOException | SdkException e) {
            problems.add(name + ": missing or unreadable (" + QuotedValue.printable(e.getMessage()) + ")");
            return null;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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

    /** Reads a file of the pack; a file that is not there throws {@link java.nio.file.NoSuchFileException}. */
    interface Source {
        InputStream open(String file) throws IOException;
    }

    /**
     * A name the file system cannot represent (a lone surrogate; any non-ASCII name in a POSIX locale) is
     * unreadable, and so is a symbolic link: a pack holds files, and a link could lead out of its folder.
     */
    private static Source localSource(Path folder) {
        return file -> {
            Path path;
            try {
                path = folder.resolve(file);
            } catch (InvalidPathException e) {
                throw new IOException("not a valid file name on this system: " + e.getReason(), e);
            }
            return Files.newInputStream(path, LinkOption.NOFOLLOW_LINKS);
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

    /** Keeps the bytes it is given up to a limit (0: keeps none); beyond it, only their digest matters. */
    private static final class KeepingSink extends OutputStream {
        private final int limit;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private boolean overflowed;

        KeepingSink(int limit) {
            this.limit = limit;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (limit == 0 || overflowed) {
                return;
            }
            if (kept.size() + (long) len > limit) {
                overflowed = true;
                kept.reset();
                return;
            }
            kept.write(b, off, len);
        }

        boolean overflowed() {
            return overflowed;
        }

        byte[] bytes() {
            return kept.toByteArray();
        }
    }
}
