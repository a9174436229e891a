package io.rootaudit.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootaudit.config.PropertyNames;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Spring Boot's configuration processor writes META-INF/spring-configuration-metadata.json at compile time from
 * {@code RootAuditProperties} (types, defaults, and the {@code @param} texts as descriptions), which IDEs use to
 * complete and explain rootaudit's properties. That metadata must cover every bound property, describe each, and
 * every property it names must be in the configuration reference, docs/configuration.md.
 */
class ConfigurationMetadataTest {

    private static final String METADATA = "META-INF/spring-configuration-metadata.json";

    @Test
    void theMetadataNamesEveryBoundProperty() throws IOException {
        assertThat(rootauditProperties().keySet())
                .as("rootaudit.* properties in " + METADATA + " (written by spring-boot-configuration-processor)")
                .containsExactlyInAnyOrderElementsOf(PropertyNames.leaves().keySet());
    }

    @Test
    void everyPropertyHasADescription() throws IOException {
        List<String> undescribed = rootauditProperties().entrySet().stream()
                .filter(e -> e.getValue().isBlank()).map(Map.Entry::getKey).toList();

        assertThat(undescribed).as("properties without a description: give each an @param in RootAuditProperties")
                .isEmpty();
    }

    @Test
    void everyPropertyIsInTheConfigurationReference() throws IOException {
        String reference = Files.readString(Path.of("docs/configuration.md"));

        List<String> missing = rootauditProperties().keySet().stream()
                .filter(name -> !reference.contains("`" + name + "`")).toList();

        assertThat(missing).as("properties missing from docs/configuration.md (write each in full, in backticks)")
                .isEmpty();
    }

    /** Name and description of every {@code rootaudit.*} property in the metadata on the class path, sorted. */
    private static Map<String, String> rootauditProperties() throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        Map<String, String> properties = new TreeMap<>();
        for (URL url : Collections.list(ConfigurationMetadataTest.class.getClassLoader().getResources(METADATA))) {
            try (InputStream in = url.openStream()) {
                for (JsonNode property : json.readTree(in).path("properties")) {
                    String name = property.path("name").asString();
                    if (name.startsWith("rootaudit.")) {
                        properties.put(name, property.path("description").asString(""));
                    }
                }
            }
        }
        return properties;
    }
}
