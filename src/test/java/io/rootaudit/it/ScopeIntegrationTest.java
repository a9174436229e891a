package io.rootaudit.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootaudit.devtools.emulator.Emulator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Scope filters and Organizations pagination, against the emulator's 20-per-page listings. */
@ExtendWith(EmulatorExtension.class)
class ScopeIntegrationTest {

    @TempDir
    Path work;

    @Test
    void auditsEveryAccountAcrossManyPages(Emulator emulator) {
        emulator.createOrganization(Orgs.simple(65));
        Invocation run = Invocation.run(emulator, work, "audit");
        assertThat(run.exitCode()).isZero();
        assertThat(ids(run)).hasSize(66).doesNotHaveDuplicates();
        // one page of ListAccountsForParent holds 20: OU Beta has 22 accounts
        assertThat(ids(run).stream().filter(id -> run.account(id).get("ouPath").asString().equals("Root/Alpha/Beta")))
                .hasSize(22);
    }

    @Test
    void organizationalUnitScopeIsRecursiveAndIncludeExcludeFilter(Emulator emulator) {
        JsonNode org = emulator.createOrganization(Orgs.simple(12));
        String alpha = org.get("ous").get("a").asString();
        Invocation run = Invocation.run(emulator, work, "audit",
                "--rootaudit.scope.organizational-units=" + alpha,
                "--rootaudit.scope.exclude-accounts=310000000003");
        assertThat(run.exitCode()).isZero();
        // Alpha holds 3, 6, 9, 12; Beta (inside Alpha) holds 1, 4, 7, 10; 3 is excluded; Gamma and the
        // management account (in the root) are out of scope and not listed at all.
        assertThat(ids(run)).containsExactlyInAnyOrder("310000000006", "310000000009", "310000000012",
                "310000000001", "310000000004", "310000000007", "310000000010");
    }

    @Test
    void includeAccountsLimitsTheAudit(Emulator emulator) {
        emulator.createOrganization(Orgs.simple(5));
        Invocation run = Invocation.run(emulator, work, "audit",
                "--rootaudit.scope.include-accounts=310000000002,310000000005");
        assertThat(ids(run)).containsExactlyInAnyOrder("310000000002", "310000000005");
        assertThat(emulator.stats().get("requests").get("AssumeRoot").asInt()).isEqualTo(2);
    }

    /** A credential-less account costs six requests: AssumeRoot and five IAM reads (plus its tags unless turned off). */
    @Test
    void credentialLessAccountsCostSixRequestsWithoutTags(Emulator emulator) {
        emulator.createOrganization(Orgs.simple(10));
        Invocation run = Invocation.run(emulator, work, "audit", "--rootaudit.scope.read-tags=false");
        assertThat(run.exitCode()).isZero();
        JsonNode requests = emulator.stats().get("requests");
        assertThat(requests.has("ListTagsForResource")).isFalse();
        int audit = 0;
        for (String action : List.of("AssumeRoot", "GetUser", "GetLoginProfile", "ListAccessKeys", "GetAccessKeyLastUsed",
                "ListSigningCertificates", "ListMFADevices")) {
            audit += requests.path(action).asInt();
        }
        assertThat(audit).isEqualTo(10 * 6);
        assertThat(run.account("310000000001").get("tags")).isEmpty();
    }

    @Test
    void unknownOrganizationalUnitFailsTheRunWithAClearMessage(Emulator emulator) {
        emulator.createOrganization(Orgs.simple(2));
        Invocation run = Invocation.run(emulator, work, "audit",
                "--rootaudit.scope.organizational-units=ou-zzzz-zzzzzzzz");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("ou-zzzz-zzzzzzzz is not an OU or root");
    }

    private static List<String> ids(Invocation run) {
        List<String> ids = new ArrayList<>();
        run.results().get("accounts").forEach(a -> ids.add(a.get("accountId").asString()));
        return ids;
    }
}
