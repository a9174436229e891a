package io.rootaudit.report.xlsx;

import io.rootaudit.audit.RootCredentialInventory;
import io.rootaudit.audit.RootCredentialInventory.AccessKey;
import io.rootaudit.audit.RootCredentialInventory.Password;
import io.rootaudit.report.EvidenceReport;
import io.rootaudit.report.EvidenceReport.AccountRow;
import io.rootaudit.report.EvidenceReport.FindingRow;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.poi.ss.usermodel.Sheet;

/** One row per account: who it is, its verdict, and what its root user holds. */
final class AccountsSheet {

    static final String NAME = "Accounts";
    static final String[] HEADER = {"Account id", "Name", "Email", "OU path", "Owner", "State", "Status", "Highest severity",
            "Password present", "Password created (UTC)", "Password last used (UTC)", "MFA types",
            "Active access keys", "Inactive access keys", "Latest access key use (UTC)", "Signing certificates",
            "Rule ids", "Exception references", "Error code", "Error message", "Audited at (UTC)", "Status reason"};

    private AccountsSheet() {}

    static void write(Sheet sheet, EvidenceReport report, Styles styles) {
        SheetWriter w = new SheetWriter(sheet, styles)
                .widths(15, 32, 30, 30, 20, 11, 16, 12, 10, 20, 20, 16, 10, 10, 20, 12, 40, 20, 18, 50, 20, 40);
        int header = w.header(HEADER);
        w.freezeThrough(header);
        for (AccountRow a : report.accounts()) {
            RootCredentialInventory inv = a.inventory();
            Password password = inv == null ? null : inv.password();
            w.row()
                    .text(a.accountId())
                    .text(a.name())
                    .text(a.email())
                    .text(a.ouPath())
                    .text(a.owner())
                    .text(a.state())
                    .status(a.status())
                    .name(a.highestSeverity())
                    .yesNo(inv == null ? null : inv.hasPassword())
                    .instant(password == null ? null : password.createdAt())
                    .instant(password == null ? null : password.lastUsedAt())
                    .text(inv == null ? null : inv.mfaDevices().stream().map(d -> d.type().name())
                            .collect(Collectors.joining(", ")))
                    .number(inv == null ? null : (int) inv.accessKeys().stream().filter(AccessKey::isActive).count())
                    .number(inv == null ? null : (int) inv.accessKeys().stream().filter(k -> !k.isActive()).count())
                    .instant(inv == null ? null : latestKeyUse(inv))
                    .number(inv == null ? null : inv.signingCertificates().size())
                    .text(a.findings().stream().map(FindingRow::ruleId).distinct().collect(Collectors.joining(" ")))
                    .text(String.join(", ", a.exceptionReferences()))
                    .text(a.error() == null ? null : a.error().code())
                    .text(a.error() == null ? null : a.error().message())
                    .instant(a.auditedAt())
                    .text(a.statusReason());
        }
        w.filter(header, HEADER.length);
    }

    private static Instant latestKeyUse(RootCredentialInventory inv) {
        return inv.accessKeys().stream().map(AccessKey::lastUsedAt).filter(Objects::nonNull)
                .max(Comparator.naturalOrder()).orElse(null);
    }
}
