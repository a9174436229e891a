package io.rootaudit.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The container image that {@code package} writes with Jib (pom.xml, docs/scheduling.md#container-image), read back
 * from its tarball: the same configuration as the image for users, built on {@code scratch} so that no registry is
 * needed. Its entrypoint, user, volume and labels are what the docs and the Kubernetes recipe rely on, and its one
 * application layer holds the very jar the build made.
 */
class ContainerImageTest {

    /** Maven runs the tests in the project's directory. */
    static final Path TARGET = Path.of("target").toAbsolutePath();
    static final Path IMAGE = TARGET.resolve("jib-image-scratch.tar");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theImageRunsTheJarAsANonRootUserWithOneVolumeAndItsLabels() throws IOException {
        JsonNode config = imageConfig();

        assertThat(texts(config.get("Entrypoint"))).containsExactly("java", "-jar", "/app/rootaudit.jar");
        assertThat(config.get("User").asString()).isEqualTo("10001:10001").doesNotStartWith("0:").isNotEqualTo("root");
        assertThat(config.get("WorkingDir").asString()).isEqualTo("/var/lib/rootaudit");
        assertThat(fieldNames(config.get("Volumes"))).containsExactly("/var/lib/rootaudit");
        assertThat(texts(config.get("Env"))).contains("ROOTAUDIT_IN_CONTAINER=true");
        Map<String, String> labels = new LinkedHashMap<>();
        config.get("Labels").propertyNames().forEach(name -> labels.put(name, config.get("Labels").get(name).asString()));
        assertThat(labels).containsKeys("org.opencontainers.image.source", "org.opencontainers.image.licenses")
                .containsEntry("org.opencontainers.image.title", "rootaudit")
                .containsEntry("org.opencontainers.image.version", projectVersion());
    }

    @Test
    void oneLayerHoldsTheBuiltJarAndTheVolumeIsWritableByTheUser() throws IOException, NoSuchAlgorithmException {
        Map<String, byte[]> files = smallEntries(IMAGE);
        JsonNode manifest = JSON.readTree(files.get("manifest.json")).get(0);
        List<String> layers = texts(manifest.get("Layers"));
        assertThat(layers).as("a layer for the volume directory and one for the jar, on an empty base").hasSize(2);

        Map<String, TarArchiveEntry> entries = new LinkedHashMap<>();
        String jarDigest = null;
        for (String layer : layers) {
            try (TarArchiveInputStream outer = new TarArchiveInputStream(Files.newInputStream(IMAGE))) {
                TarArchiveEntry entry;
                while ((entry = outer.getNextEntry()) != null && !entry.getName().equals(layer)) {
                    // skip to the layer
                }
                assertThat(entry).as("layer " + layer + " in the tarball").isNotNull();
                TarArchiveInputStream inner = new TarArchiveInputStream(new GZIPInputStream(outer));
                TarArchiveEntry file;
                while ((file = inner.getNextEntry()) != null) {
                    String name = "/" + file.getName().replaceAll("/$", "");
                    entries.put(name, file);
                    if (name.equals("/app/rootaudit.jar")) {
                        jarDigest = sha256(inner);
                    }
                }
            }
        }
        assertThat(entries).as("no exploded classes or libraries beside the jar").doesNotContainKeys("/app/libs",
                "/app/classes", "/app/resources");
        assertThat(entries.keySet()).filteredOn(n -> n.startsWith("/app/")).containsExactly("/app/rootaudit.jar");
        assertThat(jarDigest).as("the image's jar is target/rootaudit.jar").isEqualTo(sha256(TARGET.resolve("rootaudit.jar")));

        TarArchiveEntry volume = entries.get("/var/lib/rootaudit");
        assertThat(volume).isNotNull();
        assertThat(volume.isDirectory()).isTrue();
        // Jib cannot give the directory to user 10001, so it is writable by all (a new Docker volume copies this).
        assertThat(volume.getMode() & 0777).isEqualTo(0777);
    }

    /** config/kubernetes/cronjob.yaml runs this image as it is: its entrypoint as the command, as its user. */
    @Test
    void theKubernetesRecipeRunsTheImagesEntrypointAsTheImagesUser() throws IOException {
        JsonNode config = imageConfig();
        String yaml = Files.readString(Path.of("config/kubernetes/cronjob.yaml"));
        Map<?, ?> cronJob = null;
        for (Object document : new org.yaml.snakeyaml.Yaml().loadAll(yaml)) {
            if ("CronJob".equals(((Map<?, ?>) document).get("kind"))) {
                cronJob = (Map<?, ?>) document;
            }
        }
        assertThat(cronJob).isNotNull();
        Map<?, ?> pod = (Map<?, ?>) at(cronJob, "spec", "jobTemplate", "spec", "template", "spec");
        Map<?, ?> container = (Map<?, ?>) ((List<?>) pod.get("containers")).get(0);
        assertThat(container.get("command")).isEqualTo(texts(config.get("Entrypoint")));
        Map<?, ?> security = (Map<?, ?>) pod.get("securityContext");
        assertThat(security.get("runAsUser") + ":" + security.get("runAsGroup")).isEqualTo(config.get("User").asString());
    }

    private static Object at(Map<?, ?> map, String... keys) {
        Object value = map;
        for (String key : keys) {
            value = ((Map<?, ?>) value).get(key);
        }
        return value;
    }

    private static JsonNode imageConfig() throws IOException {
        Map<String, byte[]> files = smallEntries(IMAGE);
        JsonNode manifest = JSON.readTree(files.get("manifest.json")).get(0);
        return JSON.readTree(files.get(manifest.get("Config").asString())).get("config");
    }

    /** The entries of the outer tarball (manifest and config) that are small enough to keep. */
    private static Map<String, byte[]> smallEntries(Path tarball) throws IOException {
        assertThat(tarball).as("written by `package` (jib:buildTar, execution image-scratch)").exists();
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(Files.newInputStream(tarball))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (entry.getName().endsWith(".json")) {
                    files.put(entry.getName(), tar.readAllBytes());
                }
            }
        }
        assertThat(files).containsKey("manifest.json");
        return files;
    }

    private static String projectVersion() throws IOException {
        try (InputStream in = Files.newInputStream(TARGET.resolve("classes/META-INF/build-info.properties"))) {
            java.util.Properties properties = new java.util.Properties();
            properties.load(in);
            return properties.getProperty("build.version");
        }
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        try (InputStream in = Files.newInputStream(file)) {
            return sha256(in);
        }
    }

    /** Reads {@code in} to its end, leaving it open (a layer's tar reads on after the jar). */
    private static String sha256(InputStream in) throws IOException, NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        in.transferTo(new DigestOutputStream(OutputStream.nullOutputStream(), digest));
        return HexFormat.of().formatHex(digest.digest());
    }

    private static List<String> texts(JsonNode array) {
        assertThat(array).isNotNull();
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static List<String> fieldNames(JsonNode object) {
        assertThat(object).isNotNull();
        List<String> names = new java.util.ArrayList<>();
        object.propertyNames().forEach(names::add);
        return names;
    }
}
