package io.rootaudit.report;

import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code docs/schemas/results-v3.schema.json}, the schema of the schemaVersion rootaudit writes, as a draft 2020-12 validator with format assertions on (by default
 * 2020-12 only annotates {@code format}). Documents go in as text: the validator's Jackson 2 stays inside it, apart
 * from the application's Jackson 3.
 */
public final class ResultsSchema {

    public static final Path FILE = Path.of("docs/schemas/results-v3.schema.json");

    static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true)
            .pathType(PathType.JSON_PATH).build();
    private static final JsonSchema SCHEMA = FACTORY.getSchema(text(FILE), InputFormat.JSON, CONFIG);

    private ResultsSchema() {}

    /** What the schema rejects in a results.json, one line each ("$.accounts[0].status: ..."); empty when valid. */
    public static List<String> violations(String resultsJson) {
        return violations(SCHEMA, resultsJson);
    }

    public static List<String> violations(Path resultsJson) {
        return violations(text(resultsJson));
    }

    static List<String> violations(JsonSchema schema, String json) {
        return schema.validate(json, InputFormat.JSON).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
