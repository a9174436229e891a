package io.rootaudit.report.xlsx;

import io.rootaudit.report.EvidenceReport;
import io.rootaudit.report.EvidenceReport.ActionRow;
import io.rootaudit.report.EvidenceReport.Remediation;
import io.rootaudit.report.EvidenceReport.RemediationRow;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.poi.ss.usermodel.Sheet;

/**
 * What the run's remediation step decided and did: one row per action, the account's decision and reason repeated
 * on each (so every row stands alone under the autofilter); an account without actions (a skipped one) is one row
 * with blank action columns.
 */
final class RemediationSheet {

    static final String NAME = "Remediation";
    static final String OFF = "Remediation was off for this run";
    static final String[] HEADER = {"Account id", "Account name", "Decision", "Reason", "Action", "Target", "Status",
            "Detail", "Time (UTC)"};

    private RemediationSheet() {}

    static void write(Sheet sheet, EvidenceReport report, Styles styles) {
        Remediation remediation = report.remediation();
        SheetWriter w = new SheetWriter(sheet, styles).widths(15, 32, 30, 50, 28, 45, 14, 50, 20);
        if (remediation == null) {
            w.row().label(OFF);
            return;
        }
        w.row().label(headline(remediation));
        w.gap();
        int header = w.header(HEADER);
        w.freezeThrough(header);
        for (RemediationRow a : remediation.accounts()) {
            if (a.actions().isEmpty()) {
                w.row().text(a.accountId()).text(a.accountName()).text(a.decision()).text(a.reason());
                continue;
            }
            for (ActionRow x : a.actions()) {
                w.row()
                        .text(a.accountId())
                        .text(a.accountName())
                        .text(a.decision())
                        .text(a.reason())
                        .text(x.type())
                        .text(x.target())
                        .text(x.status())
                        .text(x.detail())
                        .instant(x.at());
            }
        }
        w.filter(header, HEADER.length);
    }

    /** "Remediation mode APPLY: 5 account(s) considered; REMEDIATED 2, FAILED 1, ...". */
    static String headline(Remediation r) {
        Map<String, Integer> counts = r.byDecision();
        return "Remediation mode " + r.mode() + ": " + r.accounts().size() + " account(s) considered; "
                + counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }
}
