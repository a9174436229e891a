package io.rootaudit.report.xlsx;

import io.rootaudit.report.EvidenceReport;
import io.rootaudit.report.EvidenceReport.FindingChange;
import io.rootaudit.report.EvidenceReport.Trend;
import java.util.Locale;
import org.apache.poi.ss.usermodel.Sheet;

/** The findings that appeared, were resolved or stayed open since the previous run of the organization. */
final class ChangesSheet {

    static final String NAME = "Changes";
    static final String FIRST_RUN = "First run of this organization: nothing to compare";
    static final String[] HEADER = {"Account id", "Account name", "Rule id", "Severity", "Change", "Detail"};

    private ChangesSheet() {}

    static void write(Sheet sheet, EvidenceReport report, Styles styles) {
        Trend trend = report.trend();
        SheetWriter w = new SheetWriter(sheet, styles).widths(15, 32, 30, 12, 12, 60);
        if (trend == null) {
            w.row().label(FIRST_RUN);
            return;
        }
        w.row().label(comparedWith(trend));
        w.gap();
        int header = w.header(HEADER);
        w.freezeThrough(header);
        for (FindingChange c : trend.changes()) {
            w.row().text(c.accountId()).text(c.accountName()).text(c.ruleId()).name(c.severity()).name(c.change())
                    .text(c.detail());
        }
        w.filter(header, HEADER.length);
    }

    static String comparedWith(Trend t) {
        String change = t.complianceRateChange() == null ? "n/a"
                : String.format(Locale.ROOT, "%+.1f percentage points", t.complianceRateChange() * 100);
        return "Compared with run " + t.previousRunId() + " (period " + t.previousPeriod() + "): compliance rate change "
                + change + "; " + t.newFindings() + " new, " + t.resolvedFindings() + " resolved, "
                + t.stillOpenFindings() + " still open";
    }
}
