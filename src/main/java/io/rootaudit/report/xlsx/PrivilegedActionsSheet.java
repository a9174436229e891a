package io.rootaudit.report.xlsx;

import io.rootaudit.report.EvidenceReport;
import io.rootaudit.report.EvidenceReport.PrivilegedActionRow;
import org.apache.poi.ss.usermodel.Sheet;

/**
 * Privileged commands (allow-recovery, unlock-*, ...) recorded since the previous completed run of the organization
 * started: who ran what on which account, when, why and under which ticket, and what happened. Oldest first.
 */
final class PrivilegedActionsSheet {

    static final String NAME = "Privileged actions";
    static final String[] HEADER = {"Id", "Command", "Account id", "Account name", "Target", "Caller ARN", "Time (UTC)",
            "Reason", "Ticket", "Dry run", "Result", "Detail"};

    private PrivilegedActionsSheet() {}

    static void write(Sheet sheet, EvidenceReport report, Styles styles) {
        SheetWriter w = new SheetWriter(sheet, styles).widths(22, 26, 15, 32, 40, 50, 20, 50, 15, 8, 11, 60);
        int header = w.header(HEADER);
        w.freezeThrough(header);
        for (PrivilegedActionRow a : report.privilegedActions()) {
            w.row()
                    .text(a.id())
                    .text(a.command())
                    .text(a.accountId())
                    .text(a.accountName())
                    .text(a.target())
                    .text(a.callerArn())
                    .instant(a.at())
                    .text(a.reason())
                    .text(a.ticket())
                    .yesNo(a.dryRun())
                    .text(a.result())
                    .text(a.detail());
        }
        w.filter(header, HEADER.length);
    }
}
