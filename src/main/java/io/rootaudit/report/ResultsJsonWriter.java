package io.rootaudit.report;

import java.io.OutputStream;
import java.nio.file.Path;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/** {@code results.json}: the machine-readable record of a run (schema in docs/evidence-pack.md). Written first. */
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
        try (JsonGenerator g = json.writerWithDefaultPrettyPrinter().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringProperty("schemaVersion", ResultsModel.SCHEMA_VERSION);
            g.writeName("run");
            g.writePOJO(ResultsModel.run(report.run(), json));
            g.writeName("organization");
            g.writePOJO(ResultsModel.organization(report));
            g.writeName("exceptions");
            g.writePOJO(ResultsModel.exceptions(report.exceptions()));
            g.writeName("summary");
            g.writePOJO(ResultsModel.summary(report.summary()));
            g.writeName("trend");
            g.writePOJO(ResultsModel.trend(report.trend()));
            g.writeName("remediation");
            g.writePOJO(ResultsModel.remediation(report.remediation()));
            g.writeName("privilegedActions");
            g.writePOJO(ResultsModel.privilegedActions(report.privilegedActions()));
            g.writeArrayPropertyStart("accounts");
            for (EvidenceReport.AccountRow a : report.accounts()) {
                g.writePOJO(ResultsModel.account(a));
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }
}
