package io.rootaudit.report;

import io.rootaudit.compliance.rules.BuiltInRules;
import io.rootaudit.devtools.benchmark.SyntheticEvidence;
import io.rootaudit.property.Damage;
import io.rootaudit.property.Document;
import io.rootaudit.property.Gen;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import io.rootaudit.report.ocsf.OcsfFindingsWriter;
import io.rootaudit.report.pdf.PdfReportWriter;
import io.rootaudit.report.xlsx.XlsxReportWriter;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.json.JsonMapper;

/**
 * Generated {@code manifest.json} files for the property tests of {@code verify}: the manifest of a small real
 * pack, mutations of it (wrong types, missing fields, nulls, huge and negative numbers, hashes that are not hex,
 * entries that name files outside the pack), damaged text, random JSON and random bytes. Public because the
 * command-line tests in {@code io.rootaudit.it} pass a few of them to the real CLI.
 */
public final class Manifests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static JsonMapper bootJson;
    private static final List<String> FIELDS = List.of("schemaVersion", "runId", "organizationId", "period", "toolVersion",
            "generatedAt", "artifacts");

    private final Pack pack;

    private Manifests(Pack pack) {
        this.pack = pack;
    }

    /**
     * A real pack in {@code <root>/reports/pack}: synthetic evidence of three accounts rendered by the real
     * writers, with the manifest they wrote ({@code written}); an empty subfolder; and a file outside it,
     * {@code <root>/outside/secret.txt}, which no manifest may get read.
     */
    public record Pack(Path folder, Map<String, byte[]> artifacts, Manifest written, Path outside, byte[] outsideBytes) {

        public static Pack create(Path root) throws IOException {
            return create(root, SyntheticEvidence.of(3));
        }

        /** The pack of {@code report}, as a run would write it. */
        public static Pack create(Path root, EvidenceReport report) throws IOException {
            Path folder = Files.createDirectories(root.resolve("reports").resolve("pack"));
            Manifest written = pack().render(report, new RunFolder(folder), EvidencePack.StepMeter.NONE,
                    new EvidencePack.Step("model", 0, 0, 0)).manifest();
            Map<String, byte[]> artifacts = new LinkedHashMap<>();
            for (Manifest.Artifact a : written.artifacts()) {
                artifacts.put(a.file(), Files.readAllBytes(folder.resolve(a.file())));
            }
            Files.createDirectories(folder.resolve("sub"));
            Path outside = Files.createDirectories(root.resolve("outside")).resolve("secret.txt");
            byte[] secret = "not part of any pack\n".getBytes(StandardCharsets.UTF_8);
            Files.write(outside, secret);
            return new Pack(folder, Map.copyOf(artifacts), written, outside, secret);
        }

        /** The same pack, copied under {@code root} (rendering one takes seconds; copying it, milliseconds). */
        public Pack copyTo(Path root) throws IOException {
            Path copy = Files.createDirectories(root.resolve("reports").resolve("pack"));
            for (String file : artifacts.keySet()) {
                Files.write(copy.resolve(file), artifacts.get(file));
            }
            Files.copy(manifest(), copy.resolve(Manifest.FILE));
            Files.createDirectories(copy.resolve("sub"));
            Path secret = Files.createDirectories(root.resolve("outside")).resolve("secret.txt");
            Files.write(secret, outsideBytes);
            return new Pack(copy, artifacts, written, secret, outsideBytes);
        }

        public Path manifest() {
            return folder.resolve(Manifest.FILE);
        }

        /** The digest of the file outside the pack: it appears in a problem only if that file was read. */
        public String outsideSha256() {
            return Digests.sha256(outsideBytes);
        }
    }

    /** The writers of a real pack, in the order the application runs them. */
    public static List<ArtifactWriter> writers() {
        return List.of(new ResultsJsonWriter(applicationJsonMapper()), new AccountsCsv(), new XlsxReportWriter(),
                new PdfReportWriter(), new OcsfFindingsWriter(BuiltInRules.catalog(), BuiltInRules.controls(),
                        applicationJsonMapper()));
    }

    /** The verifier of the application, without S3. */
    public static EvidenceVerifier verifier() {
        return new EvidenceVerifier(null, applicationJsonMapper(), writers(), null);
    }

    private static EvidencePack pack() {
        return new EvidencePack(null, writers(), null, applicationJsonMapper(), null);
    }

    public static Manifests of(Pack pack) {
        return new Manifests(pack);
    }

    /** The manifest the pack's writer would write. */
    public Document valid() {
        return Document.text("valid", write(validTree()));
    }

    private Map<String, Object> validTree() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("schemaVersion", Manifest.SCHEMA_VERSION);
        tree.put("runId", pack.written().runId());
        tree.put("organizationId", pack.written().organizationId());
        tree.put("period", "2026-11");
        tree.put("toolVersion", "0.1.0");
        tree.put("generatedAt", "2026-11-27T22:51:35.522581199Z");
        List<Object> artifacts = new ArrayList<>();
        for (Map.Entry<String, byte[]> a : List.copyOf(new java.util.TreeMap<>(pack.artifacts()).entrySet())) {
            artifacts.add(artifact(a.getKey(), a.getValue()));
        }
        tree.put("artifacts", artifacts);
        return tree;
    }

    private static Map<String, Object> artifact(String file, byte[] content) {
        Map<String, Object> artifact = new LinkedHashMap<>();
        artifact.put("file", file);
        artifact.put("bytes", content.length);
        artifact.put("sha256", Digests.sha256(content));
        return artifact;
    }

    // ---- entries that name files outside the pack

    /**
     * Names that are not a plain file name of the pack folder: parent steps, absolute paths, separators, empty
     * and dot names, NUL. Those marked "outside" reach the file outside the pack with its right size and digest,
     * so reading them would go unnoticed but for the containment check.
     */
    public Gen<String> notAPlainName() {
        String outside = pack.outside().toAbsolutePath().toString();
        return Gen.of("../../outside/secret.txt", outside, "..", ".", "", "/", "../", "./results.json", "sub/../results.json",
                "results.json/", "sub/x", "/etc/hostname", "../../../../../../../../etc/hostname", "..\\..\\outside\\secret.txt",
                "results.json\u0000", "\u0000", "C:\\results.json", "\\\\server\\share\\x", "results.json\n", "\u001b[2J",
                "reports/pack/results.json", "file:///etc/hostname", outside + "\u0000.json");
    }

    /** A manifest whose artifacts include entries pointing outside the pack, with that file's right size and digest. */
    public Gen<Document> escaping() {
        return random -> {
            Map<String, Object> tree = validTree();
            @SuppressWarnings("unchecked")
            List<Object> artifacts = (List<Object>) tree.get("artifacts");
            List<String> names = new ArrayList<>();
            for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
                String name = notAPlainName().next(random);
                names.add(Document.preview(name));
                artifacts.add(random.nextInt(artifacts.size() + 1), artifact(name, pack.outsideBytes()));
            }
            return Document.text("entries " + names, write(tree));
        };
    }

    // ---- mutations of a valid manifest

    /** The valid manifest with one to four changes to its tree, or with its text damaged. */
    public Gen<Document> mutated() {
        Gen<Document> tree = random -> {
            Map<String, Object> manifest = validTree();
            List<String> names = new ArrayList<>();
            for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
                names.add(treeMutation(manifest, random));
            }
            return Document.text(String.join(", ", names), write(manifest));
        };
        Gen<Document> damaged = Gen.oneOf(tree, escaping(), random -> valid()).flatMap(doc ->
                Gen.oneOf(Damage.any(), jsonDamage()).map(change -> change.applyTo(doc)));
        return Gen.oneOf(tree, damaged);
    }

    @SuppressWarnings("unchecked")
    private String treeMutation(Map<String, Object> manifest, Random random) {
        Object artifacts = manifest.get("artifacts");
        int choice = random.nextInt(artifacts instanceof List<?> list && !list.isEmpty() ? 10 : 4);
        switch (choice) {
            case 0 -> {
                String field = FIELDS.get(random.nextInt(FIELDS.size()));
                manifest.remove(field);
                return "drop " + field;
            }
            case 1 -> {
                String field = FIELDS.get(random.nextInt(FIELDS.size()));
                Object value = strangeValue().next(random);
                manifest.put(field, value);
                return "set " + field + " to " + shown(value);
            }
            case 2 -> {
                String field = Gen.of("extra", "schemaVersion2", "", "artifacts ", "__proto__", "@type", "\u0000").next(random);
                Object value = strangeValue().next(random);
                manifest.put(field, value);
                return "add " + Document.preview(field) + ": " + shown(value);
            }
            case 3 -> {
                Object value = Gen.of(List.of(), Map.of(), "results.json", 4, true).next(random);
                manifest.put("artifacts", value);
                return "artifacts: " + shown(value);
            }
            default -> {
                List<Object> list = new ArrayList<>((List<Object>) artifacts);
                manifest.put("artifacts", list);
                int index = random.nextInt(list.size());
                Object entry = list.get(index);
                if (choice == 4 || !(entry instanceof Map<?, ?>)) {
                    Object value = strangeValue().next(random);
                    list.set(index, value);
                    return "artifact " + index + " replaced by " + shown(value);
                }
                if (choice == 5) {
                    list.add(entry);
                    return "artifact " + index + " twice";
                }
                Map<String, Object> artifact = new LinkedHashMap<>((Map<String, Object>) entry);
                list.set(index, artifact);
                String field = Gen.of("file", "bytes", "sha256").next(random);
                if (choice == 6) {
                    artifact.remove(field);
                    return "artifact " + index + " without " + field;
                }
                Object value = switch (field) {
                    case "file" -> Gen.oneOf(notAPlainName(), oddName(), strangeValue()).next(random);
                    case "bytes" -> Gen.oneOf(oddSize(), strangeValue()).next(random);
                    default -> Gen.oneOf(oddSha256(artifact), strangeValue()).next(random);
                };
                artifact.put(field, value);
                return "artifact " + index + " " + field + ": " + shown(value);
            }
        }
    }

    private static Gen<Object> oddName() {
        return Gen.of("manifest.json", "RESULTS.JSON", "results.json ", " results.json", "résultats.json", "~", "$HOME",
                "%2e%2e%2fsecret.txt", "x".repeat(255), "x".repeat(256), "x".repeat(5_000), "x".repeat(100_000), "sub", "-");
    }

    private static Gen<Object> oddSize() {
        return Gen.of(-1, 0, 1, Integer.MAX_VALUE, Long.MAX_VALUE, Long.MIN_VALUE, new BigInteger("9223372036854775808"),
                new BigInteger("1" + "0".repeat(400)), 1.5, -0.0, new BigDecimal("1e400"), "12", "", true);
    }

    private static Gen<Object> oddSha256(Map<String, Object> artifact) {
        String right = String.valueOf(artifact.get("sha256"));
        return Gen.of(right.toUpperCase(java.util.Locale.ROOT), right.substring(Math.min(1, right.length())), right + "0", "g".repeat(64), "", "0".repeat(64),
                " " + right, right + "\n", "sha256:" + right, "\u001b]0;x\u0007" + right, "f".repeat(100_000));
    }

    /** Any JSON value: scalars of every type, odd strings, nested arrays and objects, deep nesting. */
    static Gen<Object> strangeValue() {
        Gen<Object> scalar = Gen.of(null, "", "x", "\u0000", "\u001b[2J", "\ud800", 0, -1, Long.MAX_VALUE,
                new BigInteger("1" + "0".repeat(400)), 1.5e308, new BigDecimal("1e-400"), true, false,
                "2026-02-30T00:00:00Z", "1e999", "x".repeat(100_000));
        Gen<Object> deep = Gen.of(10, 100, 490).map(depth -> {
            Object value = 1;
            for (int i = 0; i < depth; i++) {
                value = i % 2 == 0 ? List.of(value) : Map.of("a", value);
            }
            return value;
        });
        Gen<Object> nested = random -> randomJson(random, 3);
        return Gen.frequency(Gen.weight(6, scalar), Gen.weight(3, nested), Gen.weight(1, deep));
    }

    private static Object randomJson(Random random, int depth) {
        int kind = random.nextInt(depth <= 0 ? 4 : 6);
        return switch (kind) {
            case 0 -> null;
            case 1 -> random.nextBoolean();
            case 2 -> random.nextInt(3) == 0 ? random.nextDouble() * 1e10 : random.nextLong();
            case 3 -> Gen.anyText(12).next(random);
            case 4 -> {
                List<Object> list = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    list.add(randomJson(random, depth - 1));
                }
                yield list;
            }
            default -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    map.put(Gen.of("file", "bytes", "sha256", "artifacts", "runId", "x").next(random), randomJson(random, depth - 1));
                }
                yield map;
            }
        };
    }

    /** Damage with a meaning in JSON: nesting, comments, trailing commas, duplicate keys, NaN, odd escapes. */
    private static Gen<Damage.Change> jsonDamage() {
        return Gen.of(
                new Damage.Change("wrapped in 100,000 arrays", b -> wrap("[".repeat(100_000), b, "]".repeat(100_000))),
                new Damage.Change("wrapped in an array", b -> wrap("[", b, "]")),
                new Damage.Change("comment before", b -> wrap("/* c */ // c\n", b, "")),
                new Damage.Change("trailing comma", b -> replaceLast(b, "}", ",}")),
                new Damage.Change("duplicate key", b -> replaceFirst(b, "{", "{\"runId\":\"other\",")),
                new Damage.Change("NaN size", b -> replaceFirst(b, "\"bytes\":", "\"bytes\":NaN,\"x\":")),
                new Damage.Change("single quotes", b -> new String(b, StandardCharsets.UTF_8).replace('"', '\'')
                        .getBytes(StandardCharsets.UTF_8)),
                new Damage.Change("lone surrogate escape", b -> replaceFirst(b, "\"file\":\"", "\"file\":\"\\ud800")),
                new Damage.Change("NUL escape", b -> replaceFirst(b, "\"file\":\"", "\"file\":\"\\u0000")),
                new Damage.Change("second document", b -> wrap("", b, "{\"artifacts\":[]}")),
                new Damage.Change("null", b -> "null".getBytes(StandardCharsets.UTF_8)),
                new Damage.Change("empty object", b -> "{}".getBytes(StandardCharsets.UTF_8)));
    }

    /** Random JSON documents, random text and random bytes. */
    public static Gen<Document> random() {
        Gen<Document> json = random -> Document.text("random JSON", write(randomJson(random, 4)));
        Gen<Document> text = Gen.anyText(200).map(s -> Document.text("random text", s));
        Gen<Document> bytes = Gen.bytes(300).map(b -> new Document("random bytes", b));
        return Gen.oneOf(json, text, bytes);
    }

    /** Everything {@code verify} may be given as manifest.json. */
    public Gen<Document> any() {
        return Gen.frequency(Gen.weight(1, random -> valid()), Gen.weight(6, mutated()), Gen.weight(2, escaping()),
                Gen.weight(3, random()));
    }

    /** The JsonMapper that Spring Boot configures for the application, which the verifier reads with. */
    static synchronized JsonMapper applicationJsonMapper() {
        if (bootJson == null) {
            AtomicReference<JsonMapper> mapper = new AtomicReference<>();
            new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class))
                    .run(context -> mapper.set(context.getBean(JsonMapper.class)));
            bootJson = mapper.get();
        }
        return bootJson;
    }

    static String write(Object tree) {
        return JSON.writeValueAsString(tree);
    }

    private static String shown(Object value) {
        String text = value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
        return Document.preview(text.length() > 60 ? text.substring(0, 60) + "…" : text);
    }

    private static byte[] wrap(String before, byte[] b, String after) {
        return (before + new String(b, StandardCharsets.UTF_8) + after).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] replaceFirst(byte[] b, String from, String to) {
        String text = new String(b, StandardCharsets.UTF_8);
        int at = text.indexOf(from);
        return (at < 0 ? text : text.substring(0, at) + to + text.substring(at + from.length())).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] replaceLast(byte[] b, String from, String to) {
        String text = new String(b, StandardCharsets.UTF_8);
        int at = text.lastIndexOf(from);
        return (at < 0 ? text : text.substring(0, at) + to + text.substring(at + from.length())).getBytes(StandardCharsets.UTF_8);
    }
}
