package io.rootaudit.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaLocation;
import io.rootaudit.application.PrivilegedActions;
import io.rootaudit.audit.MfaType;
import io.rootaudit.audit.RootCredentialInventory.CredentialStatus;
import io.rootaudit.compliance.AccountStatus;
import io.rootaudit.compliance.RuleMetadata;
import io.rootaudit.compliance.Severity;
import io.rootaudit.compliance.rules.BuiltInRules;
import io.rootaudit.config.RootAuditProperties;
import io.rootaudit.devtools.benchmark.SyntheticEvidence;
import io.rootaudit.organization.PreflightReport;
import io.rootaudit.organization.PrerequisiteCheck;
import io.rootaudit.remediation.RemediationAction;
import io.rootaudit.remediation.RemediationDecision;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * results.json against its published schema ({@code docs/schemas/results-v3.schema.json}): real outputs conform, the
 * schema rejects what the contract does not allow, and it keeps up with the Java enums and records it is written from.
 * (The demo organization's own output is checked in {@code DemoOrganizationAuditTest}.)
 */
class ResultsSchemaTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path SAMPLE = Path.of("reports-sample/results.json");
    private static final JsonNode SCHEMA = JSON.readTree(ResultsSchema.FILE.toFile());

    @Test
    void isItselfAValidDraft202012Schema() {
        var metaSchema = ResultsSchema.FACTORY.getSchema(SchemaLocation.of(SCHEMA.get("$schema").asString()),
                ResultsSchema.CONFIG);
        assertThat(ResultsSchema.violations(metaSchema, ResultsSchema.text(ResultsSchema.FILE))).isEmpty();
        assertThat(SCHEMA.get("$schema").asString()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(SCHEMA.at("/properties/schemaVersion/const").asString()).isEqualTo(ResultsDocument.SCHEMA_VERSION);
    }

    /**
     * A published schema is never changed: a change to results.json is a new schemaVersion with a file of its own
     * (docs/evidence-pack.md). Each file's digest is pinned here; only a new file may be added.
     */
    @Test
    void publishedSchemasAreNeverChanged() throws Exception {
        Map<String, String> published = Map.of(
                "1", "bf97d7bb0afed7755e2b89258d0fe04d4a30776aa9be3665bd46e46b9065267f",
                "2", "d2eb73a3771c2f0b197edccc305390cfe3b0d31e7c27c6408305df6c9112886e",
                "3", "266434cc24f1bd31d1bca0f7fd13edeea5a2e0e42e25e9fe3162e4e4b0c6b87f");
        for (var version : published.entrySet()) {
            Path file = Path.of("docs/schemas/results-v" + version.getKey() + ".schema.json");
            assertThat(JSON.readTree(file.toFile()).at("/properties/schemaVersion/const").asString())
                    .isEqualTo(version.getKey());
            assertThat(Digests.sha256(Files.readAllBytes(file))).as(file.toString()).isEqualTo(version.getValue());
        }
        assertThat(ResultsSchema.FILE).isEqualTo(Path.of("docs/schemas/results-v" + ResultsDocument.SCHEMA_VERSION
                + ".schema.json"));
    }

    @Test
    void theSampleEvidencePackConforms() {
        assertThat(ResultsSchema.violations(SAMPLE)).isEmpty();
    }

    /** Synthetic evidence has every section filled, remediation decisions, errors and hostile names. */
    @Test
    void syntheticEvidenceConforms() {
        assertThat(ResultsSchema.violations(write(SyntheticEvidence.of(200)))).isEmpty();
    }

    /** No account: no compliance rate, no rate change, no remediation, privileged actions on unknown accounts. */
    @Test
    void anEmptyRunConformsWithItsNulls() {
        EvidenceReport empty = SyntheticEvidence.of(0);
        assertThat(empty.summary().complianceRate()).isNull();
        assertThat(empty.remediation()).isNull();
        assertThat(ResultsSchema.violations(write(empty))).isEmpty();

        EvidenceReport r = SyntheticEvidence.of(5);
        assertThat(ResultsSchema.violations(write(new EvidenceReport(r.run(), r.organization(), r.summary(), r.accounts(),
                r.exceptions(), null, null, null, null)))).isEmpty();
    }

    static Stream<Arguments> violations() {
        return Stream.of(
                rejects("an unknown property (the ouId the README once listed)", "$.accounts[0]", "ouId",
                        results -> account(results, 0).put("ouId", "ou-abcd-12345678")),
                rejects("an unknown top-level section", "$", "findings", results -> results.putArray("findings")),
                rejects("an unknown property of the run", "$.run", "generatedAt",
                        results -> ((ObjectNode) results.get("run")).put("generatedAt", "2026-11-27T22:51:35Z")),
                rejects("a status that is no AccountStatus", "$.accounts[1].status", "enumeration",
                        results -> account(results, 1).put("status", "PASSED")),
                rejects("an MFA type that is no MfaType", "$.accounts[21].rootCredentials.mfaDevices[0].type", "enumeration",
                        results -> ((ObjectNode) account(results, 21).get("rootCredentials").get("mfaDevices").get(0))
                                .put("type", "U2F")),
                rejects("an exception status other than ACTIVE or EXPIRED", "$.exceptions[0].status", "enumeration",
                        results -> ((ObjectNode) results.get("exceptions").get(0)).put("status", "VALID")),
                rejects("a missing required field", "$.run", "configurationSha256",
                        results -> ((ObjectNode) results.get("run")).remove("configurationSha256")),
                rejects("a null field left out instead of written as null", "$", "trend",
                        results -> results.remove("trend")),
                rejects("a status missing from byStatus", "$.summary.byStatus", "SKIPPED",
                        results -> ((ObjectNode) results.get("summary").get("byStatus")).remove("SKIPPED")),
                rejects("another schemaVersion", "$.schemaVersion", "constant", results -> results.put("schemaVersion", "1")),
                rejects("a control without its title (schemaVersion 1's shape)", "$.summary.controls[0]", "title",
                        results -> ((ObjectNode) results.get("summary").get("controls").get(0)).remove("title")),
                // format assertions are on: these two fit every pattern, only their format rejects them
                rejects("a timestamp that is no RFC 3339 date-time", "$.run.startedAt", "date-time",
                        results -> ((ObjectNode) results.get("run")).put("startedAt", "2026-13-27T22:51:27Z")),
                rejects("an expiry that is no calendar date", "$.exceptions[0].expires", "full-date",
                        results -> ((ObjectNode) results.get("exceptions").get(0)).put("expires", "2027-02-30")),
                rejects("an account id that is not 12 digits", "$.accounts[0].accountId", "regex",
                        results -> account(results, 0).put("accountId", "12345678901")),
                rejects("an organization id that is not o-...", "$.organization.organizationId", "regex",
                        results -> ((ObjectNode) results.get("organization")).put("organizationId", "r-23co")),
                rejects("a configuration digest that is not SHA-256 hex", "$.run.configurationSha256", "regex",
                        results -> ((ObjectNode) results.get("run")).put("configurationSha256", "527EF9")),
                rejects("an excepted finding without its exception's ticket", "$.accounts[20].findings[0].exceptionReference",
                        "string expected", results -> ((ObjectNode) account(results, 20).get("findings").get(0))
                                .putNull("exceptionReference")));
    }

    @ParameterizedTest(name = "rejects {0}")
    @MethodSource
    void violations(String what, String location, String mention, Consumer<ObjectNode> damage) {
        ObjectNode results = (ObjectNode) JSON.readTree(SAMPLE.toFile());
        damage.accept(results);
        List<String> violations = ResultsSchema.violations(JSON.writeValueAsString(results));
        assertThat(violations).as(what).isNotEmpty()
                .anySatisfy(v -> assertThat(v).startsWith(location).contains(mention));
    }

    /** Each Java enum whose names results.json carries, against its enum in the schema: a new constant fails here. */
    @Test
    void everyEnumConstantWrittenToResultsJsonIsInTheSchema() {
        assertEnum("AccountStatus", AccountStatus.values());
        assertEnum("Severity", Severity.values());
        assertEnum("CheckOutcome", PrerequisiteCheck.Outcome.values());
        assertEnum("CallerRole", PreflightReport.CallerRole.values());
        assertEnum("CredentialStatus", CredentialStatus.values());
        assertEnum("MfaType", MfaType.values());
        assertEnum("RemediationDecision", RemediationDecision.values());
        assertEnum("ActionType", RemediationAction.Type.values());
        assertEnum("ActionStatus", RemediationAction.Status.values());
        // a remediation record exists only when remediation was not OFF
        assertThat(names("/$defs/RemediationMode/enum")).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(RootAuditProperties.Remediation.Mode.values())
                        .filter(m -> m != RootAuditProperties.Remediation.Mode.OFF).map(Enum::name).toList());
        // PREREQUISITE_MISSING is never recorded (no action); IN_PROGRESS is, while delete-root-credentials deletes
        List<String> recorded = new ArrayList<>(Arrays.stream(PrivilegedActions.Outcome.Kind.values())
                .filter(k -> k != PrivilegedActions.Outcome.Kind.PREREQUISITE_MISSING).map(Enum::name).toList());
        recorded.add("IN_PROGRESS");
        assertThat(names("/$defs/PrivilegedActionResult/enum")).containsExactlyInAnyOrderElementsOf(recorded);
        // the summary's maps have a count for every status and every severity, in enum order
        assertThat(names("/$defs/Summary/properties/byStatus/required")).containsExactlyElementsOf(names(AccountStatus.values()));
        assertThat(SCHEMA.at("/$defs/Summary/properties/byStatus/properties").propertyNames())
                .containsExactlyElementsOf(names(AccountStatus.values()));
        assertThat(names("/$defs/Summary/properties/openFindingsBySeverity/required"))
                .containsExactlyElementsOf(names(Severity.values()));
        assertThat(SCHEMA.at("/$defs/Summary/properties/openFindingsBySeverity/properties").propertyNames())
                .containsExactlyElementsOf(names(Severity.values()));
    }

    @Test
    void everyBuiltInRuleIdFitsTheSchemasRuleIdPattern() {
        String pattern = SCHEMA.at("/$defs/RuleId/pattern").asString();
        assertThat(BuiltInRules.catalog().all()).extracting(RuleMetadata::id).isNotEmpty().allMatch(id -> id.matches(pattern));
    }

    /**
     * Every object of the schema lists its fields in the order the writer writes them (the records' components; JSON
     * Schema cannot check order, so this does), and every record of {@link ResultsDocument} has its definition.
     */
    @Test
    void theSchemaListsEachRecordsFieldsInFileOrder() {
        assertThat(SCHEMA.get("properties").propertyNames()).containsExactlyElementsOf(fields(ResultsDocument.class));
        assertThat(SCHEMA.get("required").values().stream().map(JsonNode::asString).toList())
                .containsExactlyElementsOf(fields(ResultsDocument.class));
        List<Class<?>> records = Arrays.stream(ResultsDocument.class.getDeclaredClasses())
                .filter(c -> c.isRecord() && c != ResultsDocument.Counts.class).toList();
        assertThat(records).hasSizeGreaterThan(15);
        for (Class<?> record : records) {
            JsonNode definition = SCHEMA.get("$defs").get(record.getSimpleName());
            assertThat(definition).as(record.getSimpleName()).isNotNull();
            assertThat(definition.get("additionalProperties").asBoolean(true)).as(record.getSimpleName()).isFalse();
            assertThat(definition.get("properties").propertyNames()).as(record.getSimpleName())
                    .containsExactlyElementsOf(fields(record));
            assertThat(definition.get("required").values().stream().map(JsonNode::asString).toList())
                    .as(record.getSimpleName()).containsExactlyElementsOf(fields(record));
        }
    }

    /** A record's JSON field names in order, {@link JsonUnwrapped} components replaced by their own. */
    private static List<String> fields(Class<?> record) {
        List<String> names = new ArrayList<>();
        for (RecordComponent c : record.getRecordComponents()) {
            if (c.getAccessor().isAnnotationPresent(JsonUnwrapped.class)) {
                names.addAll(fields(c.getType()));
            } else {
                names.add(c.getName());
            }
        }
        return names;
    }

    private static void assertEnum(String definition, Enum<?>[] constants) {
        assertThat(names("/$defs/" + definition + "/enum")).as(definition).containsExactlyInAnyOrderElementsOf(names(constants));
    }

    private static List<String> names(String pointer) {
        JsonNode node = SCHEMA.at(pointer);
        assertThat(node.isArray()).as(pointer).isTrue();
        return node.values().stream().map(JsonNode::asString).toList();
    }

    private static List<String> names(Enum<?>[] constants) {
        return Arrays.stream(constants).map(Enum::name).toList();
    }

    private static Arguments rejects(String what, String location, String mention, Consumer<ObjectNode> damage) {
        return Arguments.of(what, location, mention, damage);
    }

    private static ObjectNode account(ObjectNode results, int index) {
        return (ObjectNode) results.get("accounts").get(index);
    }

    private static String write(EvidenceReport report) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ResultsJsonWriter(JSON).write(report, null, out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
