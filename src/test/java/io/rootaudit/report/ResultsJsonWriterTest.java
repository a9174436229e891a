package io.rootaudit.report;

import io.rootaudit.devtools.benchmark.SyntheticEvidence;
import static org.assertj.core.api.Assertions.assertThat;

import io.rootaudit.report.EvidenceReport.RemediationRow;
import java.io.ByteArrayOutputStream;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** results.json of synthetic evidence: the remediation and privileged-action sections, and the streamed accounts. */
class ResultsJsonWriterTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void writesRemediationAndPrivilegedActionsBetweenTrendAndAccounts() {
        EvidenceReport report = SyntheticEvidence.of(40);
        JsonNode results = write(report);

        List<String> sections = new ArrayList<>();
        results.propertyNames().forEach(sections::add);
        assertThat(sections).containsExactly("schemaVersion", "run", "organization", "exceptions", "summary", "trend",
                "remediation", "privilegedActions", "accounts");

        JsonNode remediation = results.get("remediation");
        assertThat(remediation.get("mode").asString()).isEqualTo("APPLY");
        JsonNode accounts = remediation.get("accounts");
        assertThat(accounts).hasSize(report.remediation().accounts().size());
        List<String> decisions = new ArrayList<>();
        accounts.forEach(a -> decisions.add(a.get("decision").asString()));
        assertThat(decisions).contains("REMEDIATED", "FAILED", "SKIPPED_EXCEPTED", "SKIPPED_RECOVERY_IN_PROGRESS");

        RemediationRow remediated = report.remediation().accounts().get(0);
        JsonNode first = accounts.get(0);
        assertThat(first.get("accountId").asString()).isEqualTo(remediated.accountId());
        assertThat(first.get("decision").asString()).isEqualTo("REMEDIATED");
        assertThat(first.get("reason").isNull()).isTrue();
        // before and after in the rootCredentials format of accounts[]
        JsonNode account = accountOf(results, remediated.accountId());
        assertThat(first.get("before")).isEqualTo(account.get("rootCredentials"));
        assertThat(first.get("after").get("credentialLess").asBoolean()).isTrue();
        assertThat(first.get("after").get("accessKeys")).isEmpty();
        JsonNode action = first.get("actions").get(0);
        assertThat(List.of(action.propertyNames().toArray(String[]::new)))
                .containsExactly("type", "target", "status", "detail", "at");
        assertThat(action.get("type").asString()).isEqualTo("DELETE_ACCESS_KEY");
        assertThat(action.get("target").asString())
                .isEqualTo(remediated.before().accessKeys().get(0).accessKeyId());
        assertThat(action.get("status").asString()).isEqualTo("DONE");
        assertThat(action.get("at").asString()).isEqualTo(remediated.actions().get(0).at().toString());

        JsonNode skipped = stream(accounts).filter(a -> a.get("decision").asString().equals("SKIPPED_EXCEPTED"))
                .findFirst().orElseThrow();
        assertThat(skipped.get("actions")).isEmpty();
        assertThat(skipped.get("after").isNull()).isTrue();
        assertThat(skipped.get("reason").asString()).contains("exception");

        JsonNode privileged = results.get("privilegedActions");
        assertThat(privileged).hasSize(2);
        JsonNode recovery = privileged.get(1);
        assertThat(List.of(recovery.propertyNames().toArray(String[]::new))).containsExactly("id", "command",
                "accountId", "accountName", "target", "callerArn", "at", "reason", "ticket", "dryRun", "result", "detail");
        assertThat(recovery.get("command").asString()).isEqualTo("allow-recovery");
        assertThat(recovery.get("ticket").asString()).isEqualTo("CHG-4711");
        assertThat(recovery.get("reason").asString()).contains("legacy support plan");
        assertThat(recovery.get("dryRun").asBoolean()).isFalse();
        assertThat(recovery.get("target").isNull()).isTrue();
        assertThat(privileged.get(0).get("dryRun").asBoolean()).isTrue();
        assertThat(privileged.get(0).get("at").asString()).isLessThan(recovery.get("at").asString());
    }

    @Test
    void remediationIsNullWhenItWasOffAndPrivilegedActionsAnEmptyList() {
        EvidenceReport r = SyntheticEvidence.of(5);
        JsonNode results = write(new EvidenceReport(r.run(), r.organization(), r.summary(), r.accounts(), r.exceptions(),
                r.trend(), null, null, null));
        assertThat(results.get("remediation").isNull()).isTrue();
        assertThat(results.get("privilegedActions").isArray()).isTrue();
        assertThat(results.get("privilegedActions")).isEmpty();
    }

    /** The accounts are mapped and written one at a time, never gathered first: the heap stays flat for 10,000+. */
    @Test
    void writesEachAccountWhenItIsReached() {
        EvidenceReport r = SyntheticEvidence.of(2_000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Integer> bytesOutWhenReached = new ArrayList<>();
        List<EvidenceReport.AccountRow> watched = new AbstractList<>() {
            @Override
            public EvidenceReport.AccountRow get(int index) {
                bytesOutWhenReached.add(out.size());
                return r.accounts().get(index);
            }

            @Override
            public int size() {
                return r.accounts().size();
            }
        };
        new ResultsJsonWriter(JSON).write(new EvidenceReport(r.run(), r.organization(), r.summary(), watched,
                r.exceptions(), r.trend(), null, r.remediation(), r.privilegedActions()), null, out);

        assertThat(bytesOutWhenReached).hasSize(2_000).isSorted();
        // half-way through the accounts, about half of the file is out (the generator flushes every few KB)
        assertThat(bytesOutWhenReached.get(1_000)).isBetween(out.size() / 3, out.size() * 2 / 3);
    }

    private static JsonNode write(EvidenceReport report) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ResultsJsonWriter(JSON).write(report, null, out);
        return JSON.readTree(out.toByteArray());
    }

    private static JsonNode accountOf(JsonNode results, String accountId) {
        return stream(results.get("accounts")).filter(a -> a.get("accountId").asString().equals(accountId)).findFirst()
                .orElseThrow();
    }

    private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> nodes = new ArrayList<>();
        array.forEach(nodes::add);
        return nodes.stream();
    }
}
