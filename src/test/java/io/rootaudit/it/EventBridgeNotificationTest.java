package io.rootaudit.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootaudit.devtools.emulator.Emulator;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import tools.jackson.databind.JsonNode;

/**
 * The events of {@code audit} delivered through EventBridge rules, with the patterns of config/eventbridge/, to SQS
 * queues in the emulator, compared with what the evidence packs of two months say; and what a failing PutEvents
 * does to the exit code and the pack.
 */
@ExtendWith(EmulatorExtension.class)
class EventBridgeNotificationTest {

    private static final String BUS = "rootaudit";
    private static final String M1 = "310000000001";
    private static final String M2 = "310000000002";
    private static final String M3 = "310000000003";
    private static final Map<String, Object> PASSWORD = Map.of("password", Map.of("createDate", "2024-01-01T00:00:00Z"));
    private static final Map<String, Object> ACTIVE_KEY = Map.of("accessKeys", List.of(Map.of("status", "Active",
            "createDate", "2024-01-01T00:00:00Z")));

    @TempDir
    Path work;

    Emulator emulator;
    EventBridgeClient events;
    SqsClient sqs;
    String everything;
    String pages;

    @BeforeEach
    void organizationBusRulesAndQueues(Emulator fresh) throws IOException {
        emulator = fresh;
        Map<String, Object> organization = Orgs.simple(4);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> accounts = (List<Map<String, Object>>) organization.get("accounts");
        accounts.get(2).put("tags", Map.of("owner", "payments-team")); // account 3: the others have no owner tag
        emulator.createOrganization(organization);
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
        events = EventBridgeClient.builder().endpointOverride(URI.create(emulator.endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(credentials).build();
        sqs = SqsClient.builder().endpointOverride(URI.create(emulator.endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(credentials).build();
        events.createEventBus(b -> b.name(BUS));
        everything = queueBehindRule("all-rootaudit-events", "pattern-all.json");
        pages = queueBehindRule("pages", "pattern-finding-opened-critical-high.json");
    }

    @AfterEach
    void close() {
        events.close();
        sqs.close();
    }

    @Test
    void twoMonthsOfEventsSayWhatTheirPacksSay() {
        emulator.setRootState(M1, PASSWORD);
        emulator.setRootState(M2, ACTIVE_KEY);
        Invocation october = audit("oct", "2026-10");
        assertThat(october.exitCode()).as(october.out() + october.err()).isEqualTo(3);
        assertThat(october.out()).contains("Events put on rootaudit: 1");
        List<JsonNode> first = received(everything);
        assertThat(first).extracting(e -> e.get("detail-type").asString()).containsExactly("Root Audit Run Completed");
        assertRunCompletedMatches(first.get(0), october, 3);
        assertThat(first.get(0).at("/detail/trend").isNull()).isTrue();

        // November: account 1 keeps its password, account 2 deletes its key, account 3 gets an active key (CRITICAL)
        // and an inactive one (MEDIUM)
        emulator.setRootState(M2, Map.of());
        emulator.setRootState(M3, Map.of("accessKeys", List.of(
                Map.of("status", "Active", "createDate", "2024-01-01T00:00:00Z"),
                Map.of("status", "Inactive", "createDate", "2024-01-01T00:00:00Z"))));
        Invocation november = audit("nov", "2026-11");
        assertThat(november.exitCode()).as(november.out() + november.err()).isEqualTo(3);
        List<JsonNode> second = received(everything);
        JsonNode run = second.stream().filter(e -> type(e).equals("Root Audit Run Completed")).findFirst().orElseThrow();
        assertRunCompletedMatches(run, november, 3);
        JsonNode trend = november.results().get("trend");
        assertThat(run.at("/detail/trend/previousRunId").asString()).isEqualTo(trend.get("previousRunId").asString());
        assertThat(run.at("/detail/trend/newFindings").asInt()).isEqualTo(trend.get("newFindings").asInt());
        assertThat(run.at("/detail/trend/resolvedFindings").asInt()).isEqualTo(trend.get("resolvedFindings").asInt());

        // opened: open findings of November's pack that October's did not have; resolved: the other way round
        List<String> opened = difference(november.results(), october.results(), Set.of());
        List<String> resolved = difference(october.results(), november.results(), Set.of());
        assertThat(opened).isNotEmpty().allSatisfy(k -> assertThat(k).startsWith(M3 + " "))
                .hasSize(trend.get("newFindings").asInt());
        assertThat(resolved).isNotEmpty().allSatisfy(k -> assertThat(k).startsWith(M2 + " "))
                .hasSize(trend.get("resolvedFindings").asInt());
        assertThat(keys(second, "Root Audit Finding Opened")).isEqualTo(opened);
        assertThat(keys(second, "Root Audit Finding Resolved")).isEqualTo(resolved);
        assertThat(second).hasSize(1 + opened.size() + resolved.size());

        JsonNode key = second.stream().filter(e -> type(e).equals("Root Audit Finding Opened")
                && e.at("/detail/ruleId").asString().equals("root-access-key-active")).findFirst().orElseThrow();
        JsonNode packed = finding(november.account(M3), "root-access-key-active");
        assertThat(key.at("/detail/accountName").asString()).isEqualTo("Account 3");
        assertThat(key.at("/detail/owner").asString()).isEqualTo("payments-team");
        assertThat(november.csvLines()).filteredOn(l -> l.startsWith(M3)).singleElement().asString()
                .endsWith(",payments-team"); // the owner column of the pack
        assertThat(second).filteredOn(e -> type(e).equals("Root Audit Finding Resolved"))
                .allSatisfy(e -> assertThat(e.at("/detail/owner").asString()).isEqualTo("no owner"));
        assertThat(key.at("/detail/title").asString()).isEqualTo(packed.get("title").asString());
        assertThat(key.at("/detail/controls")).isEqualTo(packed.get("controls")).isNotEmpty();
        assertThat(key.at("/detail/runId").asString()).isEqualTo(november.results().at("/run/runId").asString());
        assertThat(key.get("source").asString()).isEqualTo("io.rootaudit");

        // the second rule's pattern let through only the opened CRITICAL and HIGH findings
        List<String> urgent = difference(november.results(), october.results(), Set.of("CRITICAL", "HIGH"));
        assertThat(urgent).isNotEmpty().hasSizeLessThan(opened.size());
        List<JsonNode> paged = received(pages);
        assertThat(keys(paged, "Root Audit Finding Opened")).isEqualTo(urgent);
        assertThat(paged).hasSize(urgent.size());
    }

    @Test
    void refusedEntriesArePutAgainAndArriveOnce() {
        emulator.setRootState(M1, PASSWORD);
        Invocation october = audit("oct", "2026-10");
        received(everything);
        emulator.setRootState(M1, Map.of());
        emulator.setRootState(M2, PASSWORD);
        emulator.setRootState(M3, ACTIVE_KEY);
        emulator.resetStats();
        // the first two entries of the first call are refused (FailedEntryCount 2), the call itself succeeds
        emulator.addFault(Map.of("action", "PutEvents", "entryErrorCode", "ThrottlingException", "count", 2));

        Invocation november = audit("nov", "2026-11");

        assertThat(november.exitCode()).as(november.out() + november.err()).isEqualTo(3);
        assertThat(emulator.faults().at("/faults/0/fired").asInt()).isEqualTo(2);
        assertThat(emulator.stats().at("/requests/PutEvents").asInt()).isEqualTo(2);
        List<JsonNode> delivered = received(everything);
        JsonNode trend = november.results().get("trend");
        assertThat(delivered).hasSize(1 + trend.get("newFindings").asInt() + trend.get("resolvedFindings").asInt());
        assertThat(delivered.stream().map(e -> e.get("id").asString()).distinct()).hasSize(delivered.size());
        assertThat(october.exitCode()).isEqualTo(3);
    }

    @Test
    void aPutEventsThatKeepsFailingIsRetriedThenExitsTenWithThePackIntact() {
        emulator.setRootState(M1, PASSWORD);
        emulator.addFault(Map.of("action", "PutEvents", "code", "InternalException", "status", 500,
                "message", "injected"));

        Invocation run = audit("oct", "2026-10", "--rootaudit.aws.max-attempts=2");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(10);
        assertThat(run.err()).contains("1 of 1 events were not put on rootaudit")
                .contains("Root Audit Run Completed (run " + run.results().at("/run/runId").asString() + ")")
                .contains("InternalException").contains("after 4 attempts").contains("The evidence pack is complete");
        // 4 attempts of the entry, each a call the SDK tried twice
        assertThat(emulator.stats().at("/requests/PutEvents").asInt()).isEqualTo(8);
        assertThat(received(everything)).isEmpty();
        Invocation verify = Invocation.run(emulator, work.resolve("oct"), "verify", "--path", run.runFolder().toString());
        assertThat(verify.exitCode()).as(verify.out()).isZero();
        assertThat(run.account(M1).get("status").asString()).isEqualTo("NON_COMPLIANT");

        // the period is complete: a second audit neither audits nor sends again, and exits as the pack says
        emulator.clearFaults();
        Invocation again = audit("oct", "2026-10");
        assertThat(again.exitCode()).isZero();
        assertThat(received(everything)).isEmpty();
    }

    @Test
    void preflightChecksTheBus() {
        Invocation missing = Invocation.run(emulator, work, "preflight", "--rootaudit.notify.event-bus=no-such-bus");
        assertThat(missing.exitCode()).isEqualTo(5);
        assertThat(missing.out()).contains("Event bus exists").contains("create the event bus");
        Invocation present = Invocation.run(emulator, work, "preflight", "--rootaudit.notify.event-bus="
                + events.describeEventBus(b -> b.name(BUS)).arn());
        assertThat(present.out()).contains("[PASSED     ] Event bus exists");
        Invocation invalid = Invocation.run(emulator, work, "preflight", "--rootaudit.notify.event-bus=no such bus");
        assertThat(invalid.exitCode()).isEqualTo(2);
        assertThat(invalid.err()).contains("rootaudit.notify.event-bus must be an event bus name");
    }

    private Invocation audit(String folder, String period, String... more) {
        List<String> args = new ArrayList<>(List.of("audit", "--rootaudit.period=" + period,
                "--rootaudit.database-path=" + work.resolve("db/rootaudit"), "--rootaudit.notify.event-bus=" + BUS,
                "--rootaudit.report.owner-tag-keys=owner"));
        args.addAll(List.of(more));
        return Invocation.run(emulator, work.resolve(folder), args.toArray(String[]::new));
    }

    /** The run-completed event says what results.json says, and where the pack is. */
    private static void assertRunCompletedMatches(JsonNode event, Invocation run, int exitCode) {
        JsonNode results = run.results();
        JsonNode d = event.get("detail");
        assertThat(event.get("source").asString()).isEqualTo("io.rootaudit");
        assertThat(d.get("runId").asString()).isEqualTo(results.at("/run/runId").asString());
        assertThat(d.get("period").asString()).isEqualTo(results.at("/run/period").asString());
        assertThat(d.get("organizationId").asString()).isEqualTo(results.at("/organization/organizationId").asString());
        assertThat(d.get("exitCode").asInt()).isEqualTo(exitCode);
        assertThat(d.get("byStatus")).isEqualTo(results.at("/summary/byStatus"));
        assertThat(d.get("openFindingsBySeverity")).isEqualTo(results.at("/summary/openFindingsBySeverity"));
        assertThat(d.get("complianceRate").asDouble()).isEqualTo(results.at("/summary/complianceRate").asDouble());
        assertThat(d.get("accounts").asInt()).isEqualTo(results.get("accounts").size());
        assertThat(d.at("/pack/localFolder").asString()).isEqualTo(run.runFolder().toAbsolutePath().toString());
        assertThat(d.at("/pack/s3Location").isNull()).isTrue();
    }

    /**
     * "accountId ruleId" of each open (unexcepted) finding of {@code results} that {@code other} does not have, keyed
     * as the trend keys findings (account, rule, resource), sorted; only severities in {@code severities} (all when
     * empty).
     */
    private static List<String> difference(JsonNode results, JsonNode other, Set<String> severities) {
        Set<String> theirs = new HashSet<>();
        forEachOpenFinding(other, (account, f) -> theirs.add(account + " " + f.get("ruleId").asString() + " "
                + f.path("resource").asString("")));
        List<String> keys = new ArrayList<>();
        forEachOpenFinding(results, (account, f) -> {
            if (!theirs.contains(account + " " + f.get("ruleId").asString() + " " + f.path("resource").asString(""))
                    && (severities.isEmpty() || severities.contains(f.get("severity").asString()))) {
                keys.add(account + " " + f.get("ruleId").asString());
            }
        });
        return keys.stream().sorted().toList();
    }

    private static void forEachOpenFinding(JsonNode results, java.util.function.BiConsumer<String, JsonNode> action) {
        for (JsonNode a : results.get("accounts")) {
            for (JsonNode f : a.get("findings")) {
                if (!f.get("excepted").asBoolean()) {
                    action.accept(a.get("accountId").asString(), f);
                }
            }
        }
    }

    private static List<String> keys(List<JsonNode> events, String detailType) {
        return events.stream().filter(e -> type(e).equals(detailType))
                .map(e -> e.at("/detail/accountId").asString() + " " + e.at("/detail/ruleId").asString()).sorted().toList();
    }

    private static JsonNode finding(JsonNode account, String ruleId) {
        for (JsonNode f : account.get("findings")) {
            if (f.get("ruleId").asString().equals(ruleId)) {
                return f;
            }
        }
        throw new AssertionError("no finding " + ruleId + " in " + account);
    }

    private static String type(JsonNode event) {
        return event.get("detail-type").asString();
    }

    private String queueBehindRule(String name, String patternFile) throws IOException {
        String url = sqs.createQueue(b -> b.queueName(name)).queueUrl();
        String arn = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        String pattern = Files.readString(Path.of("config/eventbridge").resolve(patternFile));
        events.putRule(b -> b.name(name).eventBusName(BUS).eventPattern(pattern));
        events.putTargets(b -> b.rule(name).eventBusName(BUS).targets(t -> t.id("queue").arn(arn)));
        return url;
    }

    /** Every message on the queue, taken off it, as the events EventBridge delivered. */
    private List<JsonNode> received(String queueUrl) {
        List<JsonNode> all = new ArrayList<>();
        while (true) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)).messages();
            if (batch.isEmpty()) {
                return all;
            }
            for (Message m : batch) {
                all.add(Invocation.JSON.readTree(m.body()));
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            }
        }
    }
}
