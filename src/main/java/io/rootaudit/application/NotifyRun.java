package io.rootaudit.application;

import io.rootaudit.config.RootAuditProperties;
import io.rootaudit.notify.AuditEvent;
import io.rootaudit.notify.Delivery;
import io.rootaudit.notify.EventBridgeNotifier;
import io.rootaudit.notify.RuleLabels;
import io.rootaudit.notify.RunEvents;
import io.rootaudit.report.EvidenceReports;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The last step of {@code audit}: a completed run's events put on the configured EventBridge bus, after its pack is
 * written and published, so that the run-completed event can say where the pack is. The events are built from the
 * same report model as the pack. A failure is an outcome of its own (exit code 10), never a failed audit: the
 * evidence pack is complete whatever happens here.
 */
@Service
public class NotifyRun {

    private static final Logger log = LoggerFactory.getLogger(NotifyRun.class);

    private final EvidenceReports reports;
    private final EventBridgeNotifier notifier;
    private final RuleLabels rules;
    private final RootAuditProperties properties;

    NotifyRun(EvidenceReports reports, EventBridgeNotifier notifier, RuleLabels rules, RootAuditProperties properties) {
        this.reports = reports;
        this.notifier = notifier;
        this.rules = rules;
        this.properties = properties;
    }

    /**
     * @param audited a completed audit, its pack written and (when configured) published
     * @param exitCode the audit's exit code as it stands before notification, carried by the run-completed event
     */
    NotifyOutcome notify(AuditOutcome audited, int exitCode) {
        if (!notifier.enabled()) {
            return NotifyOutcome.notConfigured();
        }
        String bus = properties.notifications().eventBus();
        try {
            PublishOutcome published = audited.publish();
            String s3 = published == null ? null : published.location();
            List<AuditEvent> events = RunEvents.of(reports.build(audited.run().runId(), null),
                    new RunEvents.PackLocation(audited.folder().toAbsolutePath().normalize().toString(), s3), exitCode, rules);
            Delivery delivery = notifier.send(events);
            return new NotifyOutcome(delivery.complete() ? NotifyOutcome.Kind.SENT : NotifyOutcome.Kind.FAILED, bus,
                    delivery.events(), delivery.sent(), delivery.failures());
        } catch (RuntimeException e) {
            log.warn("Events of run {} not put on {}", audited.run().runId(), bus, e);
            return new NotifyOutcome(NotifyOutcome.Kind.FAILED, bus, 0, 0, List.of(String.valueOf(e.getMessage())));
        }
    }
}
