package io.rootaudit.report.ocsf;

import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON Schema of an OCSF 1.6.0 Compliance Finding that the tests derived from the OCSF sources
 * ({@code src/test/resources/ocsf/}, README.md there says how), as a draft 2020-12 validator. Public because the
 * integration test of the demo organization validates its run's findings.ocsf.json with it.
 */
public final class OcsfSchema {

    public static final String RESOURCE = "ocsf/compliance_finding-1.6.0.schema.json";
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonSchema SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(resource(), InputFormat.JSON, SchemaValidatorsConfig.builder().formatAssertionsEnabled(true)
                    .pathType(PathType.JSON_PATH).build());

    private OcsfSchema() {}

    /** The records of a findings.ocsf.json, in file order. */
    public static List<JsonNode> records(Path file) {
        JsonNode array = JSON.readTree(file.toFile());
        if (!array.isArray()) {
            throw new IllegalArgumentException(file + " is not a JSON array");
        }
        List<JsonNode> records = new ArrayList<>();
        array.forEach(records::add);
        return records;
    }

    /** What the schema rejects in one record, one line each; empty when valid. */
    public static List<String> violations(JsonNode record) {
        return SCHEMA.validate(record.toString(), InputFormat.JSON).stream().map(ValidationMessage::getMessage).sorted()
                .toList();
    }

    /** The violations of every record of {@code file}, each prefixed with its index; empty when all are valid. */
    public static List<String> violationsOfEveryRecord(Path file) {
        List<String> all = new ArrayList<>();
        List<JsonNode> records = records(file);
        for (int i = 0; i < records.size(); i++) {
            int index = i;
            violations(records.get(i)).forEach(v -> all.add("record " + index + ": " + v));
        }
        return all;
    }

    private static String resource() {
        try (InputStream in = OcsfSchema.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the test class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
