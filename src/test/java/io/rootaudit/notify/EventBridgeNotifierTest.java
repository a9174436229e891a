package io.rootaudit.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootaudit.config.RootAuditProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;
import tools.jackson.databind.json.JsonMapper;

/**
 * Batching and retries of PutEvents against a scripted stand-in for EventBridge (the integration tests put events on
 * the emulator over HTTP): which entries each call carries, and what is reported.
 */
class EventBridgeNotifierTest {

    private final List<List<String>> calls = new ArrayList<>();
    private final List<Duration> pauses = new ArrayList<>();

    @Test
    void everyEventIsPutInCallsOfAtMostTen() {
        Delivery d = notifier(request -> accept(request, entry -> null)).send(events(23));

        assertThat(d).isEqualTo(new Delivery(23, 23, List.of()));
        assertThat(calls).extracting(List::size).containsExactly(10, 10, 3);
        assertThat(pauses).isEmpty();
    }

    @Test
    void refusedEntriesAndOnlyThoseArePutAgainAfterAPause() {
        Delivery d = notifier(request -> calls.size() == 1
                ? accept(request, entry -> entry.equals("e0") || entry.equals("e2") ? "ThrottlingException" : null)
                : accept(request, entry -> null)).send(events(4));

        assertThat(d.complete()).isTrue();
        assertThat(d.sent()).isEqualTo(4);
        assertThat(calls).containsExactly(List.of("e0", "e1", "e2", "e3"), List.of("e0", "e2"));
        assertThat(pauses).hasSize(1).allSatisfy(p -> assertThat(p).isBetween(Duration.ofMillis(100), Duration.ofMillis(200)));
    }

    @Test
    void anEntryRefusedEveryTimeIsReportedAfterFourAttemptsWithGrowingPauses() {
        Delivery d = notifier(request -> accept(request, entry -> entry.equals("e1") ? "InternalFailure" : null))
                .send(events(3));

        assertThat(d.sent()).isEqualTo(2);
        assertThat(d.failures()).singleElement().asString().contains("Root Audit Run Completed (event e1)")
                .contains("InternalFailure").contains("after 4 attempts");
        assertThat(calls).hasSize(4);
        assertThat(pauses).hasSize(3);
        assertThat(pauses.get(2)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void entriesRefusedForGoodAreNotRetried() {
        Delivery d = notifier(request -> accept(request, entry -> entry.equals("e0") ? "MalformedDetail" : null))
                .send(events(2));

        assertThat(d.sent()).isEqualTo(1);
        assertThat(d.failures()).singleElement().asString().contains("MalformedDetail");
        assertThat(calls).hasSize(1);
    }

    @Test
    void aThrottledCallIsRetriedAndADeniedOneIsNot() {
        Delivery throttled = notifier(request -> {
            if (calls.size() == 1) {
                throw error("ThrottlingException", 400);
            }
            return accept(request, entry -> null);
        }).send(events(2));
        assertThat(throttled.complete()).isTrue();
        assertThat(calls).hasSize(2);

        calls.clear();
        Delivery denied = notifier(request -> {
            throw error("AccessDeniedException", 400);
        }).send(events(2));
        assertThat(denied.sent()).isZero();
        assertThat(denied.failures()).hasSize(2).allSatisfy(f -> assertThat(f).contains("AccessDeniedException"));
        assertThat(calls).hasSize(1);
    }

    @Test
    void anEventOverTheSizeLimitIsReportedAndTheOthersAreSent() {
        List<AuditEvent> events = new ArrayList<>(events(2));
        events.add(new AuditEvent(RunEvents.FINDING_OPENED, Instant.EPOCH, Map.of("big", "x".repeat(300_000)), "big one"));

        Delivery d = notifier(request -> accept(request, entry -> null)).send(events);

        assertThat(d.sent()).isEqualTo(2);
        assertThat(d.failures()).singleElement().asString().contains("big one").contains("over PutEvents' limit");
        assertThat(calls).containsExactly(List.of("e0", "e1"));
    }

    private EventBridgeNotifier notifier(Function<PutEventsRequest, PutEventsResponse> eventBridge) {
        EventBridgeClient client = new EventBridgeClient() {
            @Override
            public PutEventsResponse putEvents(PutEventsRequest request) {
                assertThat(request.entries()).allSatisfy(e -> assertThat(e.eventBusName()).isEqualTo("audit"));
                calls.add(request.entries().stream().map(EventBridgeNotifierTest::name).toList());
                return eventBridge.apply(request);
            }

            @Override
            public String serviceName() {
                return "events";
            }

            @Override
            public void close() {}
        };
        return new EventBridgeNotifier(() -> client, new RootAuditProperties.Notify("audit"), JsonMapper.builder().build(),
                pauses::add);
    }

    /** Answers each entry with the error code {@code refuse} gives it, or an event id when it gives null. */
    private static PutEventsResponse accept(PutEventsRequest request, Function<String, String> refuse) {
        List<PutEventsResultEntry> results = request.entries().stream().map(e -> {
            String code = refuse.apply(name(e));
            return code == null ? PutEventsResultEntry.builder().eventId("id-" + name(e)).build()
                    : PutEventsResultEntry.builder().errorCode(code).errorMessage("refused").build();
        }).toList();
        return PutEventsResponse.builder().entries(results)
                .failedEntryCount((int) results.stream().filter(r -> r.errorCode() != null).count()).build();
    }

    private static String name(PutEventsRequestEntry entry) {
        return JsonMapper.builder().build().readTree(entry.detail()).path("n").asString();
    }

    private static List<AuditEvent> events(int n) {
        return IntStream.range(0, n).mapToObj(i -> new AuditEvent(RunEvents.RUN_COMPLETED, Instant.EPOCH,
                Map.of("n", "e" + i), "event e" + i)).toList();
    }

    private static AwsServiceException error(String code, int status) {
        return AwsServiceException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("no").build()).build();
    }
}
