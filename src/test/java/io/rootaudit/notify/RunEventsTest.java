package io.rootaudit.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootaudit.report.EvidenceReport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@SuppressWarnings("unchecked")
class RunEventsTest {

    @Test
    void aRunCompletedEventThenOneEventPerOpenedAndResolvedFindingButNoneForStillOpen() {
        List<AuditEvent> events = RunEvents.of(Fixtures.report(), Fixtures.PACK, 3, Fixtures.LABELS);

        assertThat(events).extracting(AuditEvent::detailType).containsExactly(RunEvents.RUN_COMPLETED,
                RunEvents.FINDING_OPENED, RunEvents.FINDING_RESOLVED);
        assertThat(events).extracting(AuditEvent::time).containsOnly(Fixtures.ENDED);
        assertThat(events).extracting(AuditEvent::subject).containsExactly("run 2026-11-1-3f9c2a",
                "account 111122223333, rule root-access-key-active", "account 777788889999, rule root-password-present");
    }

    @Test
    void runCompletedSaysWhatThePackSaysAndWhereItIs() {
        Map<String, Object> d = RunEvents.of(Fixtures.report(), Fixtures.PACK, 3, Fixtures.LABELS).get(0).detail();

        assertThat(d).containsEntry("organizationId", "o-a1b2c3d4e5").containsEntry("period", "2026-11")
                .containsEntry("runId", "2026-11-1-3f9c2a").containsEntry("exitCode", 3).containsEntry("accounts", 4)
                .containsEntry("complianceRate", 1 / 3.0).containsEntry("organizationFindings", 0)
                .containsEntry("endedAt", "2026-11-01T06:04:12Z").containsEntry("schemaVersion", 1);
        assertThat((Map<String, Object>) d.get("byStatus")).containsEntry("COMPLIANT", 1).containsEntry("NON_COMPLIANT", 2)
                .containsEntry("ERROR", 0).hasSize(6);
        assertThat((Map<String, Object>) d.get("openFindingsBySeverity")).containsEntry("CRITICAL", 1).containsEntry("HIGH", 1)
                .hasSize(5);
        assertThat((Map<String, Object>) d.get("pack")).containsEntry("localFolder", Fixtures.PACK.localFolder())
                .containsEntry("s3Location", Fixtures.PACK.s3Location());
        assertThat((Map<String, Object>) d.get("trend")).containsEntry("previousRunId", "2026-10-1-8d41e0")
                .containsEntry("newFindings", 1).containsEntry("resolvedFindings", 1).containsEntry("stillOpenFindings", 1);
    }

    @Test
    void findingEventsCarryAccountRuleSeverityAndControls() {
        List<AuditEvent> events = RunEvents.of(Fixtures.report(), Fixtures.PACK, 3, Fixtures.LABELS);

        assertThat(events.get(1).detail()).containsEntry("accountId", "111122223333")
                .containsEntry("accountName", "Payments Prod").containsEntry("owner", "platform-team@example.com")
                .containsEntry("ruleId", "root-access-key-active")
                .containsEntry("title", "Root user has an active access key").containsEntry("severity", "CRITICAL")
                .containsEntry("controls", List.of("CIS v7.0 2.4", "Security Hub IAM.4"))
                .containsEntry("previousRunId", "2026-10-1-8d41e0").containsEntry("runId", "2026-11-1-3f9c2a");
        // a resolved finding is gone from the report's findings: title and controls come from the rule's labels
        assertThat(events.get(2).detail()).containsEntry("accountId", "777788889999")
                .containsEntry("title", "Root user has a console password").containsEntry("controls", List.of("CIS v7.0 2.1.1", "CIS v7.0 2.7"))
                .containsEntry("severity", "HIGH");
    }

    @Test
    void theOwnerIsThePacksOwnerOfTheAccountAndNullWhenOwnerRoutingIsOff() {
        EvidenceReport r = Fixtures.report();
        List<AuditEvent> events = RunEvents.of(r, Fixtures.PACK, 3, Fixtures.LABELS);
        assertThat(events.get(2).detail()).containsEntry("owner", "platform-team@example.com");

        List<EvidenceReport.AccountRow> unrouted = r.accounts().stream().map(a -> new EvidenceReport.AccountRow(
                a.accountId(), a.name(), a.email(), a.ouPath(), a.state(), a.joinedAt(), a.tags(), null, a.status(),
                a.statusReason(), a.highestSeverity(), a.inventory(), a.findings(), a.exceptionReferences(), a.error(),
                a.auditedAt())).toList();
        EvidenceReport off = new EvidenceReport(r.run(), r.organization(), r.summary(), unrouted, r.exceptions(),
                r.trend(), null, null, List.of());
        assertThat(RunEvents.of(off, Fixtures.PACK, 3, Fixtures.LABELS).subList(1, 3))
                .allSatisfy(e -> assertThat(e.detail()).containsEntry("owner", null));
    }

    @Test
    void theFirstRunOfAnOrganizationHasOnlyTheRunCompletedEvent() {
        EvidenceReport r = Fixtures.report();
        EvidenceReport first = new EvidenceReport(r.run(), r.organization(), r.summary(), r.accounts(), r.exceptions(),
                null, null, null, List.of());

        List<AuditEvent> events = RunEvents.of(first, new RunEvents.PackLocation("/reports/x", null), 0, Fixtures.LABELS);

        assertThat(events).extracting(AuditEvent::detailType).containsExactly(RunEvents.RUN_COMPLETED);
        assertThat(events.get(0).detail()).containsEntry("trend", null);
        assertThat((Map<String, Object>) events.get(0).detail().get("pack")).containsEntry("s3Location", null);
    }
}
