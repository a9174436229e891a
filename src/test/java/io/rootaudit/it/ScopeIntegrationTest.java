package io.rootaudit.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootaudit.devtools.emulator.Emulator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    /**
     * By default no tag is read: nothing needs them, and at AWS's Organizations rate they would cost more than the
     * audit. A credential-less account then costs exactly six requests: AssumeRoot and five IAM reads.
     */
    @Test
    void aDefaultRunReadsNoTagsAndCostsSixRequestsPerCredentialLessAccount(Emulator emulator) {
        emulator.createOrganization(Orgs.tagged(10, Map.of(1, Map.of("owner", "team-a"))));
        Invocation run = Invocation.run(emulator, work, "audit");
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
        assertThat(run.csvLines().get(0)).endsWith(",owner");
        assertThat(run.csvLines().get(1)).as("owner routing off: empty owner column").endsWith(",");
    }

    /**
     * Tag scope: accounts tagged rootaudit:skip=true are never audited, and include-tags keeps only accounts with one
     * of its tags (key=value, or a bare key for any value). Only the candidates' tags are read, before any AssumeRoot.
     */
    @Test
    void tagScopeExcludesAndIncludesAccountsByTag(Emulator emulator) {
        emulator.createOrganization(Orgs.tagged(8, Map.of(
                1, Map.of("env", "prod"),
                2, Map.of("env", "prod", "rootaudit:skip", "true"),
                3, Map.of("env", "dev"),
                4, Map.of("sandbox", ""),
                5, Map.of("rootaudit:skip", "false"))));
        Invocation excluded = Invocation.run(emulator, work.resolve("exclude"), "audit",
                "--rootaudit.scope.exclude-tags=rootaudit:skip=true");
        assertThat(excluded.exitCode()).isZero();
        assertThat(excluded.out()).contains("audit scope: all except tagged rootaudit:skip=true");
        assertThat(ids(excluded)).hasSize(8).doesNotContain("310000000002").contains("310000000005");
        assertThat(excluded.out()).contains("Tag scope (include [], exclude [rootaudit:skip=true]): 8 of 9 accounts in scope");
        assertThat(emulator.stats().get("requests").get("ListTagsForResource").asInt()).isEqualTo(9);

        emulator.resetStats();
        Invocation included = Invocation.run(emulator, work.resolve("include"), "audit",
                "--rootaudit.scope.include-tags=env=prod,sandbox", "--rootaudit.scope.exclude-tags=rootaudit:skip=true");
        assertThat(included.exitCode()).isZero();
        assertThat(ids(included)).containsExactlyInAnyOrder("310000000001", "310000000004");
        assertThat(emulator.stats().get("requests").get("AssumeRoot").asInt()).isEqualTo(2);
        // the tags that decided the scope are in the evidence
        assertThat(included.account("310000000001").get("tags").get("env").asString()).isEqualTo("prod");
    }

    /**
     * Owners come from the owner tags, in the order given: an owner tag first, a team tag otherwise; an account
     * with neither is under "no owner", in accounts.csv and in the workbook's By owner sheet.
     */
    @Test
    void ownersComeFromTagsAndUntaggedAccountsHaveNoOwner(Emulator emulator) throws Exception {
        emulator.createOrganization(Orgs.tagged(3, Map.of(
                1, Map.of("owner", "payments", "team", "ignored"),
                2, Map.of("team", "=cmd|' /C calc'!A0"))));
        emulator.setRootState("310000000003", Map.of("accessKeys", List.of(Map.of("status", "Active", "createDate", "2024-01-01T00:00:00Z"))));
        Invocation run = Invocation.run(emulator, work, "audit", "--rootaudit.report.owner-tag-keys=owner,team");
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(emulator.stats().get("requests").get("ListTagsForResource").asInt()).isEqualTo(4);
        Map<String, String> owners = new java.util.HashMap<>();
        for (String line : run.csvLines().subList(1, run.csvLines().size())) {
            String[] cells = line.split(",", -1);
            owners.put(cells[0].replace("\uFEFF", ""), cells[cells.length - 1]);
        }
        assertThat(owners).containsEntry("310000000001", "payments")
                .containsEntry("310000000002", "\"'=cmd|' /C calc'!A0\"") // neutralized for spreadsheets
                .containsEntry("310000000003", "no owner");
        try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(run.runFolder().resolve("evidence.xlsx").toFile())) {
            var sheet = book.getSheet("By owner");
            List<String> rows = new java.util.ArrayList<>();
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                var row = sheet.getRow(r);
                var rule = row.getCell(4);
                rows.add(row.getCell(0).getStringCellValue() + " " + row.getCell(1).getStringCellValue() + " "
                        + (rule == null ? "-" : rule.getStringCellValue()));
            }
            assertThat(rows).contains("no owner 310000000003 root-access-key-active")
                    .allMatch(r -> !r.startsWith("payments") || r.startsWith("payments  -"));
        }
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
