package io.rootaudit.report;

import java.io.OutputStream;
import java.nio.file.Path;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code results.json}: the machine-readable record of a run, as {@link ResultsDocument} (schema in
 * {@code docs/schemas/results-v1.schema.json}, described in docs/evidence-pack.md). Written first. Jackson streams it to {@code out}: the accounts are
 * mapped and written one at a time.
 */
@Component
@Order(1)
class ResultsJsonWriter implements ArtifactWriter {

    static final String FILE = EvidencePack.RESULTS_JSON;

    private final JsonMapper json;

    ResultsJsonWriter(JsonMapper json) {
        this.json = json;
    }

    @Override
    public String fileName() {
        return FILE;
    }

    @Override
    public void write(EvidenceReport report, Path folder, OutputStream out) {
        json.writerWithDefaultPrettyPrinter().writeValue(out, ResultsDocument.of(report, json));
    }
}
