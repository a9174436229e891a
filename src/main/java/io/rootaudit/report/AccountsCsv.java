package io.rootaudit.report;

import io.rootaudit.audit.RootCredentialInventory;
import io.rootaudit.report.EvidenceReport.AccountRow;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@code accounts.csv}: one row per account, every text value neutralized for spreadsheets. New columns are added at
 * the end, so scripts that read columns by position keep working ({@code owner} is empty when owner routing is off).
 */
@Component
@Order(2)
class AccountsCsv implements ArtifactWriter {

    static final List<String> HEADER = List.of("account_id", "name", "email", "ou_path", "state", "status",
            "status_reason", "highest_severity", "password_present", "password_created", "password_last_used",
            "mfa_types", "active_access_keys", "inactive_access_keys", "signing_certificates", "rule_ids",
            "exception_references", "error_code", "error_message", "owner");

    @Override
    public String fileName() {
        return "accounts.csv";
    }

    @Override
    public void write(EvidenceReport report, Path folder, OutputStream out) throws IOException {
        BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        w.write("\uFEFF"); // BOM: spreadsheets then read the file as UTF-8 (names such as "Zürich – 東京")
        w.write(String.join(",", HEADER));
        w.write("\r\n");
        for (AccountRow a : report.accounts()) {
            w.write(row(a));
            w.write("\r\n");
        }
        w.flush();
    }

    static String row(AccountRow a) {
        RootCredentialInventory inv = a.inventory();
        List<String> values = List.of(
                a.accountId(),
                nz(a.name()),
                nz(a.email()),
                nz(a.ouPath()),
                nz(a.state()),
                a.status() == null ? "" : a.status().name(),
                nz(a.statusReason()),
                a.highestSeverity() == null ? "" : a.highestSeverity().name(),
                inv == null ? "" : String.valueOf(inv.hasPassword()),
                inv == null || inv.password() == null ? "" : time(inv.password().createdAt()),
                inv == null || inv.password() == null ? "" : time(inv.password().lastUsedAt()),
                inv == null ? "" : inv.mfaDevices().stream().map(d -> d.type().name()).collect(Collectors.joining(" ")),
                inv == null ? "" : String.valueOf(inv.accessKeys().stream().filter(RootCredentialInventory.AccessKey::isActive).count()),
                inv == null ? "" : String.valueOf(inv.accessKeys().stream().filter(k -> !k.isActive()).count()),
                inv == null ? "" : String.valueOf(inv.signingCertificates().size()),
                a.findings().stream().map(EvidenceReport.FindingRow::ruleId).distinct().collect(Collectors.joining(" ")),
                String.join(" ", a.exceptionReferences()),
                a.error() == null ? "" : nz(a.error().code()),
                a.error() == null ? "" : nz(a.error().message()),
                nz(a.owner()));
        return values.stream().map(SpreadsheetText::csvField).collect(Collectors.joining(","));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String time(Instant t) {
        return t == null ? "" : t.toString();
    }
}
