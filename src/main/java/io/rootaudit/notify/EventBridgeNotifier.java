package io.rootaudit.notify;

import io.rootaudit.aws.AwsClients;
import io.rootaudit.config.RootAuditProperties;
import io.rootaudit.organization.AdditionalPrerequisites;
import io.rootaudit.organization.PrerequisiteCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one place that talks to EventBridge: checks the bus in preflight, and puts a run's events on it in calls
 * within PutEvents' limits ({@link EventBatches}). A call can succeed and still refuse some entries
 * ({@code FailedEntryCount}): those, and the entries of a call that failed as a whole after the SDK's own retries,
 * are put again, up to {@value #ATTEMPTS} times in all with a growing, jittered pause. Entries refused for
 * good (malformed, not authorized) are not retried. Whatever is still refused is reported, never thrown: the
 * evidence pack is already complete.
 */
@Component
public class EventBridgeNotifier implements AdditionalPrerequisites {

    private static final Logger log = LoggerFactory.getLogger(EventBridgeNotifier.class);

    /** Attempts per entry, the first included. */
    static final int ATTEMPTS = 4;
    private static final Duration FIRST_PAUSE = Duration.ofMillis(200);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);
    /** Entry errors that another attempt cannot fix. */
    private static final Set<String> FINAL_ERRORS = Set.of("InvalidArgument", "MalformedDetail", "AccessDeniedException",
            "NotAuthorizedForSourceException", "NotAuthorizedForDetailTypeException", "ValidationException");

    private final Supplier<EventBridgeClient> events;
    private final RootAuditProperties.Notify settings;
    private final JsonMapper json;
    private final Pause pause;

    @Autowired
    EventBridgeNotifier(AwsClients clients, RootAuditProperties properties, JsonMapper json) {
        this(clients::eventBridge, properties.notifications(), json, d -> Thread.sleep(d.toMillis()));
    }

    EventBridgeNotifier(Supplier<EventBridgeClient> events, RootAuditProperties.Notify settings, JsonMapper json, Pause pause) {
        this.events = events;
        this.settings = settings;
        this.json = json;
        this.pause = pause;
    }

    /** Waits between attempts (tests do not). */
    @FunctionalInterface
    interface Pause {
        void sleep(Duration duration) throws InterruptedException;
    }

    public boolean enabled() {
        return settings.enabled();
    }

    /** The configured event bus exists and the caller may see it (events:DescribeEventBus). */
    @Override
    public List<PrerequisiteCheck> check() {
        if (!enabled()) {
            return List.of();
        }
        String bus = settings.eventBus();
        try {
            String arn = events.get().describeEventBus(b -> b.name(bus)).arn();
            return List.of(AdditionalPrerequisites.passed("event-bus", "Event bus exists", arn));
        } catch (SdkException e) {
            return List.of(AdditionalPrerequisites.failed("event-bus", "Event bus exists", bus + ": " + describe(e), e,
                    "create the event bus or fix rootaudit.notify.event-bus, and allow events:DescribeEventBus and "
                            + "events:PutEvents on it (see config/iam-policy-eventbridge.json)"));
        }
    }

    /** Puts the events on the configured bus; what could not be put is in the answer, not thrown. */
    public Delivery send(List<AuditEvent> toSend) {
        List<String> failures = new ArrayList<>();
        List<Pending> pending = new ArrayList<>();
        for (AuditEvent event : toSend) {
            PutEventsRequestEntry entry = entry(event);
            int size = EventBatches.size(entry);
            if (size > EventBatches.MAX_BYTES) {
                failures.add(failure(event, "the event is " + size + " bytes, over PutEvents' limit of "
                        + EventBatches.MAX_BYTES));
            } else {
                pending.add(new Pending(event, entry, size, null));
            }
        }
        int sent = 0;
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            if (attempt > 1 && !waited(attempt)) {
                pending.forEach(p -> failures.add(failure(p.event(), p.lastError() + " (interrupted before retrying)")));
                break;
            }
            List<Pending> again = new ArrayList<>();
            for (List<Pending> batch : EventBatches.of(pending, Pending::size)) {
                sent += put(batch, again, failures);
            }
            if (attempt == ATTEMPTS) {
                again.forEach(p -> failures.add(failure(p.event(), p.lastError() + " (after " + ATTEMPTS + " attempts)")));
                break;
            }
            if (!again.isEmpty()) {
                log.info("EventBridge refused {} of {} events; trying them again", again.size(), pending.size());
            }
            pending = again;
        }
        failures.forEach(f -> log.warn("Event not put on {}: {}", settings.eventBus(), f));
        return new Delivery(toSend.size(), sent, failures);
    }

    /** One PutEvents call: the accepted entries are counted, the refused ones go to {@code again} or {@code failures}. */
    private int put(List<Pending> batch, List<Pending> again, List<String> failures) {
        PutEventsResponse response;
        try {
            response = events.get().putEvents(r -> r.entries(batch.stream().map(Pending::entry).toList()));
        } catch (SdkException e) {
            for (Pending p : batch) {
                if (retryable(e)) {
                    again.add(p.failed(describe(e)));
                } else {
                    failures.add(failure(p.event(), describe(e)));
                }
            }
            return 0;
        }
        int accepted = 0;
        List<PutEventsResultEntry> results = response.entries();
        for (int i = 0; i < batch.size(); i++) {
            PutEventsResultEntry result = i < results.size() ? results.get(i) : null;
            Pending p = batch.get(i);
            if (result != null && result.errorCode() == null && result.eventId() != null) {
                accepted++;
            } else {
                String code = result == null ? "NoResult" : String.valueOf(result.errorCode());
                String error = code + ": " + (result == null ? "no result for the entry" : result.errorMessage());
                if (FINAL_ERRORS.contains(code)) {
                    failures.add(failure(p.event(), error));
                } else {
                    again.add(p.failed(error));
                }
            }
        }
        return accepted;
    }

    /** Pause before attempt {@code attempt}: 200 ms, 400 ms, 800 ms... up to 5 s, each between half and all of it. */
    private boolean waited(int attempt) {
        long full = Math.min(LONGEST_PAUSE.toMillis(), FIRST_PAUSE.toMillis() << Math.min(attempt - 2, 10));
        try {
            pause.sleep(Duration.ofMillis(full / 2 + ThreadLocalRandom.current().nextLong(full / 2 + 1)));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private PutEventsRequestEntry entry(AuditEvent event) {
        return PutEventsRequestEntry.builder().eventBusName(settings.eventBus()).source(RunEvents.SOURCE)
                .detailType(event.detailType()).time(event.time()).detail(json.writeValueAsString(event.detail()))
                .build();
    }

    private static boolean retryable(SdkException e) {
        return e.retryable() || e instanceof AwsServiceException ase
                && (ase.isThrottlingException() || ase.statusCode() >= 500);
    }

    private static String failure(AuditEvent event, String error) {
        return event.detailType() + " (" + event.subject() + "): " + error;
    }

    private static String describe(SdkException e) {
        if (e instanceof AwsServiceException ase && ase.awsErrorDetails() != null) {
            return ase.awsErrorDetails().errorCode() + ": " + ase.awsErrorDetails().errorMessage();
        }
        return String.valueOf(e.getMessage());
    }

    /** An entry still to be put, with the error of its last attempt. */
    private record Pending(AuditEvent event, PutEventsRequestEntry entry, int size, String lastError) {
        Pending failed(String error) {
            return new Pending(event, entry, size, error);
        }
    }
}
