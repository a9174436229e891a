package io.rootaudit.report;

import io.rootaudit.audit.RootCredentialInventory;
import io.rootaudit.store.StoredAccount;
import io.rootaudit.store.StoredFinding;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** The columns of {@code accounts.csv}: one row per account, every text value neutralized for spreadsheets. */
final class AccountsCsv {

    static final List<String> HEADER = List.of("account_id", "name", "email", "ou_path", "state", "status",
            "status_reason", "highest_severity", "password_present", "password_created", "password_last_used",
            "mfa_types", "active_access_keys", "inactive_access_keys", "signing_certificates", "rule_ids",
            "exception_references", "error_code", "error_message");

    private AccountsCsv() {}

    static String row(StoredAccount a, List<StoredFinding> findings) {
        RootCredentialInventory inv = a.inventory();
        List<String> values = List.of(
                a.account().id(),
                nz(a.account().name()),
                nz(a.account().email()),
                nz(a.account().ouPath()),
                nz(a.account().state()),
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
                findings.stream().map(StoredFinding::ruleId).distinct().collect(Collectors.joining(" ")),
                findings.stream().map(StoredFinding::exceptionReference).filter(Objects::nonNull).distinct()
                        .collect(Collectors.joining(" ")),
                a.error() == null ? "" : nz(a.error().code()),
                a.error() == null ? "" : nz(a.error().message()));
        return values.stream().map(SpreadsheetText::csvField).collect(Collectors.joining(","));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String time(Instant t) {
        return t == null ? "" : t.toString();
    }
}
