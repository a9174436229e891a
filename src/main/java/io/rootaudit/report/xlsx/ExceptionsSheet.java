package io.rootaudit.report.xlsx;

import io.rootaudit.report.EvidenceReport;
import io.rootaudit.report.EvidenceReport.ExceptionRow;
import org.apache.poi.ss.usermodel.Sheet;

/** The exceptions register as it stood for the run, each entry ACTIVE or EXPIRED on the day the run ended. */
final class ExceptionsSheet {

    static final String NAME = "Exceptions";
    static final String[] HEADER = {"Account id", "Account name", "Rules", "Reason", "Approver", "Ticket", "Expires",
            "Status"};

    private ExceptionsSheet() {}

    static void write(Sheet sheet, EvidenceReport report, Styles styles) {
        SheetWriter w = new SheetWriter(sheet, styles).widths(15, 32, 40, 50, 30, 15, 12, 10);
        int header = w.header(HEADER);
        w.freezeThrough(header);
        for (ExceptionRow e : report.exceptions()) {
            w.row()
                    .text(e.accountId())
                    .text(e.accountName())
                    .text(e.rules().isEmpty() ? "all" : String.join(", ", e.rules()))
                    .text(e.reason())
                    .text(e.approver())
                    .text(e.ticket())
                    .date(e.expires())
                    .text(e.status());
        }
        w.filter(header, HEADER.length);
    }
}
