package io.rootaudit.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The documented events in config/eventbridge/ cannot drift from the code: each sample-*.json is, field for field, the
 * event the code makes from the fixed report of {@link Fixtures} (wrapped in the envelope EventBridge delivers to a
 * rule's target), and each pattern-*.json matches at least one sample and only fields the events have. Run with
 * {@code -Drootaudit.write-samples=true} to write the samples again after a deliberate change of the events.
 */
class EventSamplesTest {

    private static final Path DIR = Path.of("config/eventbridge");
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final Map<String, String> SAMPLES = Map.of(RunEvents.RUN_COMPLETED, "sample-run-completed.json",
            RunEvents.FINDING_OPENED, "sample-finding-opened.json", RunEvents.FINDING_RESOLVED, "sample-finding-resolved.json");

    @Test
    void eachSampleIsWhatTheCodeMakesOfTheFixedReport() throws IOException {
        List<AuditEvent> events = RunEvents.of(Fixtures.report(), Fixtures.PACK, 3, Fixtures.LABELS);
        assertThat(events).extracting(AuditEvent::detailType).containsExactlyInAnyOrderElementsOf(SAMPLES.keySet());
        for (int i = 0; i < events.size(); i++) {
            JsonNode made = envelope(events.get(i), i);
            Path file = DIR.resolve(SAMPLES.get(events.get(i).detailType()));
            if (Boolean.getBoolean("rootaudit.write-samples")) {
                Files.writeString(file, JSON.writeValueAsString(made) + "\n");
            }
            assertThat(JSON.readTree(file.toFile())).as(file + " (-Drootaudit.write-samples=true writes it again)")
                    .isEqualTo(made);
        }
    }

    @Test
    void eachPatternMatchesASampleAndNamesOnlyFieldsTheEventsHave() throws IOException {
        List<JsonNode> samples = new ArrayList<>();
        for (String name : SAMPLES.values()) {
            samples.add(JSON.readTree(DIR.resolve(name).toFile()));
        }
        List<Path> patterns;
        try (Stream<Path> files = Files.list(DIR)) {
            patterns = files.filter(p -> p.getFileName().toString().startsWith("pattern-")).sorted().toList();
        }
        assertThat(patterns).hasSizeGreaterThanOrEqualTo(3);
        for (Path pattern : patterns) {
            JsonNode p = JSON.readTree(pattern.toFile());
            assertThat(p.path("source").toString()).as(pattern + " names the source").contains(RunEvents.SOURCE);
            assertThat(samples.stream().filter(s -> EventPatterns.matches(p, s)).count()).as(pattern + " matches a sample")
                    .isPositive();
        }
        JsonNode all = JSON.readTree(DIR.resolve("pattern-all.json").toFile());
        assertThat(samples).allSatisfy(s -> assertThat(EventPatterns.matches(all, s)).isTrue());
    }

    @Test
    void thePatternMatcherOfThisTestRefusesWhatItShould() {
        JsonNode sample = JSON.readTree("{\"source\":\"io.rootaudit\",\"detail\":{\"severity\":\"LOW\",\"exitCode\":3}}");
        assertThat(EventPatterns.matches(JSON.readTree("{\"detail\":{\"severity\":[\"HIGH\",\"CRITICAL\"]}}"), sample)).isFalse();
        assertThat(EventPatterns.matches(JSON.readTree("{\"detail\":{\"severity\":[\"LOW\"]}}"), sample)).isTrue();
        assertThat(EventPatterns.matches(JSON.readTree("{\"detail\":{\"exitCode\":[{\"numeric\":[\">\",0]}]}}"), sample)).isTrue();
        assertThat(EventPatterns.matches(JSON.readTree("{\"detail\":{\"exitCode\":[{\"numeric\":[\"=\",0]}]}}"), sample)).isFalse();
        assertThat(EventPatterns.matches(JSON.readTree("{\"detail\":{\"owner\":[{\"exists\":true}]}}"), sample)).isFalse();
        assertThat(EventPatterns.matches(JSON.readTree("{\"detail\":{\"nosuch\":[\"x\"]}}"), sample)).isFalse();
    }

    @Test
    void theIamPolicyAllowsTheCallsOfTheNotifierAndOnlyForTheEventsSource() {
        JsonNode policy = JSON.readTree(Path.of("config/iam-policy-eventbridge.json").toFile());
        List<String> actions = new ArrayList<>();
        policy.get("Statement").forEach(s -> s.get("Action").forEach(a -> actions.add(a.asString())));
        assertThat(actions).containsExactlyInAnyOrder("events:PutEvents", "events:DescribeEventBus");
        assertThat(policy.get("Statement").get(0).at("/Condition/StringEquals/events:source").asString())
                .isEqualTo(RunEvents.SOURCE);
    }

    /** The event as EventBridge delivers it to an SQS target, with fixed id, account and region. */
    private static JsonNode envelope(AuditEvent event, int index) {
        ObjectNode e = JSON.createObjectNode();
        e.put("version", "0");
        e.put("id", "6a7e8feb-b491-4cf7-a9f1-bf3703467" + String.format("%03d", 718 + index));
        e.put("detail-type", event.detailType());
        e.put("source", RunEvents.SOURCE);
        e.put("account", "123456789012");
        e.put("time", event.time().toString());
        e.put("region", "us-east-1");
        e.putArray("resources");
        e.set("detail", JSON.valueToTree(event.detail()));
        return e;
    }
}
