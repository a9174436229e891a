package io.rootaudit.report.xlsx;

import io.rootaudit.compliance.AccountStatus;
import io.rootaudit.organization.AccountOwner;
import io.rootaudit.report.EvidenceReport;
import io.rootaudit.report.EvidenceReport.AccountRow;
import io.rootaudit.report.EvidenceReport.FindingRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.poi.ss.usermodel.Sheet;

/**
 * Each owner's open work, so the findings can be handed to the teams that must fix them: per owner (from the owner
 * tags, "no owner" last), one row per open finding and per account that could not be audited, or one row saying that
 * all its accounts are in order. Accounts nobody owns are listed one by one, whatever their status, so that the
 * accounts without an owner tag are themselves visible.
 */
final class ByOwnerSheet {

    static final String NAME = "By owner";
    static final String OFF = "Owner routing was off for this run: set rootaudit.report.owner-tag-keys (for example owner,team)";
    static final String[] HEADER = {"Owner", "Account id", "Account name", "Status", "Rule id", "Severity", "Controls",
            "Detail"};

    private ByOwnerSheet() {}

    static void write(Sheet sheet, EvidenceReport report, Styles styles) {
        SheetWriter w = new SheetWriter(sheet, styles).widths(24, 15, 32, 16, 30, 12, 40, 60);
        if (report.accounts().stream().allMatch(a -> a.owner() == null)) {
            w.row().label(OFF);
            return;
        }
        int header = w.header(HEADER);
        w.freezeThrough(header);
        for (Map.Entry<String, List<AccountRow>> owner : byOwner(report.accounts()).entrySet()) {
            boolean unowned = owner.getKey().equals(AccountOwner.NONE);
            int inOrder = 0;
            for (AccountRow a : owner.getValue()) {
                List<FindingRow> open = a.findings().stream().filter(f -> !f.excepted()).toList();
                if (a.status() == AccountStatus.ERROR) {
                    row(w, owner.getKey(), a).skip().skip().skip()
                            .text("not audited: " + (a.error() == null ? "" : a.error().code() + ": " + a.error().message()));
                } else if (!open.isEmpty()) {
                    for (FindingRow f : open) {
                        row(w, owner.getKey(), a).text(f.ruleId()).name(f.severity()).text(String.join(", ", f.controls()))
                                .text(f.detail());
                    }
                } else if (unowned) {
                    row(w, owner.getKey(), a).skip().skip().skip().text("no open finding");
                } else {
                    inOrder++;
                }
            }
            if (inOrder > 0) {
                w.row().text(owner.getKey()).skip().skip().skip().skip().skip().skip()
                        .text(inOrder + " account(s) without open findings");
            }
        }
        w.filter(header, HEADER.length);
    }

    private static RowWriter row(SheetWriter w, String owner, AccountRow a) {
        return w.row().text(owner).text(a.accountId()).text(a.name()).status(a.status());
    }

    /** Owners in alphabetical order, "no owner" last; each owner's accounts in account order. */
    static Map<String, List<AccountRow>> byOwner(List<AccountRow> accounts) {
        Map<String, List<AccountRow>> groups = new TreeMap<>(Comparator
                .comparing((String o) -> o.equals(AccountOwner.NONE)).thenComparing(Comparator.naturalOrder()));
        for (AccountRow a : accounts) {
            groups.computeIfAbsent(a.owner() == null ? AccountOwner.NONE : a.owner(), k -> new ArrayList<>()).add(a);
        }
        return groups;
    }
}
