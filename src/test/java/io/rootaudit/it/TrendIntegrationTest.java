package io.rootaudit.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootaudit.devtools.emulator.Emulator;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Month over month: the second run is compared with the first completed run of the organization. */
@ExtendWith(EmulatorExtension.class)
class TrendIntegrationTest {

    @TempDir
    Path work;

    @Test
    void newResolvedAndStillOpenFindingsAndTheRateChange(Emulator emulator) {
        emulator.createOrganization(Orgs.simple(4));
        emulator.setRootState("310000000001", Map.of("password", Map.of("createDate", "2024-01-01T00:00:00Z")));
        emulator.setRootState("310000000002", Map.of("signingCertificates", List.of(Map.of("status", "Active",
                "uploadDate", "2024-01-01T00:00:00Z"))));
        emulator.setRootState("310000000004", Map.of("password", Map.of("createDate", "2024-01-01T00:00:00Z")));
        Invocation october = Invocation.run(emulator, work.resolve("oct"), "audit", "--rootaudit.period=2026-10",
                "--rootaudit.database-path=" + work.resolve("db/rootaudit"));
        assertThat(october.results().get("trend").isNull()).isTrue();

        // November: account 1 still has its password, account 2 removed its certificate, account 3 got a key,
        // and account 4 (password in October) cannot be audited: its October findings are not "resolved"
        emulator.setRootState("310000000002", Map.of());
        emulator.addFault(Map.of("action", "AssumeRoot", "target", "310000000004", "code", "AccessDenied", "status", 403));
        emulator.setRootState("310000000003", Map.of("accessKeys", List.of(Map.of("status", "Inactive",
                "createDate", "2024-01-01T00:00:00Z"))));
        Invocation november = Invocation.run(emulator, work.resolve("nov"), "audit", "--rootaudit.period=2026-11",
                "--rootaudit.database-path=" + work.resolve("db/rootaudit"));
        JsonNode trend = november.results().get("trend");
        assertThat(trend.get("previousPeriod").asString()).isEqualTo("2026-10");
        assertThat(trend.get("previousRunId").asString()).isEqualTo(october.results().get("run").get("runId").asString());
        assertThat(trend.get("newFindings").asInt()).isEqualTo(1);
        assertThat(trend.get("resolvedFindings").asInt()).isEqualTo(1);
        assertThat(trend.get("stillOpenFindings").asInt())
                .isEqualTo(october.account("310000000001").get("findings").size());
        // October: 2 of 5 compliant (account 3 and the management account, credential-less); November: 2 of 5
        // (account 2 and the management account; account 4 in error counts against)
        assertThat(trend.get("previousComplianceRate").asDouble()).isEqualTo(0.4);
        assertThat(trend.get("complianceRateChange").asDouble()).isZero();

        Invocation history = Invocation.run(emulator, work.resolve("nov"), "history",
                "--rootaudit.database-path=" + work.resolve("db/rootaudit"));
        assertThat(history.out()).contains("2026-10").contains("2026-11").contains("40.0%");
        // three starts on one store, each checking its migrations: no error reached H2's trace file
        assertThat(work.resolve("db/rootaudit.trace.db")).doesNotExist();
    }
}
