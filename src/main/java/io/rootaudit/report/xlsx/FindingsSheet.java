package io.rootaudit.report.xlsx;

import io.rootaudit.report.EvidenceReport;
import io.rootaudit.report.EvidenceReport.FindingRow;
import org.apache.poi.ss.usermodel.Sheet;

/** One row per finding of every account, open or excepted. */
final class FindingsSheet {

    static final String NAME = "Findings";
    static final String[] HEADER = {"Account id", "Account name", "Rule id", "Title", "Severity", "Controls", "Detail",
            "Resource", "Excepted", "Exception reference", "Remediation"};

    private FindingsSheet() {}

    static void write(Sheet sheet, EvidenceReport report, Styles styles) {
        SheetWriter w = new SheetWriter(sheet, styles).widths(15, 32, 30, 45, 12, 45, 50, 30, 10, 20, 60);
        int header = w.header(HEADER);
        w.freezeThrough(header);
        for (FindingRow f : report.findings()) {
            w.row()
                    .text(f.accountId())
                    .text(f.accountName())
                    .text(f.ruleId())
                    .text(f.title())
                    .name(f.severity())
                    .text(String.join(", ", f.controls()))
                    .text(f.detail())
                    .text(f.resource())
                    .yesNo(f.excepted())
                    .text(f.exceptionReference())
                    .text(f.remediation());
        }
        w.filter(header, HEADER.length);
    }
}
