package io.rootaudit.report.xlsx;

import io.rootaudit.compliance.Tally;
import io.rootaudit.report.EvidenceReport;
import io.rootaudit.report.EvidenceReport.ControlRow;
import io.rootaudit.report.EvidenceReport.RuleRow;
import org.apache.poi.ss.usermodel.Sheet;

/**
 * How many accounts passed, failed, were excepted from or could not be assessed against each control, then
 * each rule. Excel allows one autofilter per sheet: it covers the controls, the table auditors work from.
 */
final class ControlsSheet {

    static final String NAME = "Controls";
    static final String[] CONTROLS = {"Framework", "Control id", "Title", "Label", "Passed", "Failed", "Excepted",
            "Not assessed"};
    static final String[] RULES = {"Rule id", "Title", "Severity", "Passed", "Failed", "Excepted", "Not assessed"};

    private ControlsSheet() {}

    static void write(Sheet sheet, EvidenceReport report, Styles styles) {
        SheetWriter w = new SheetWriter(sheet, styles).widths(40, 45, 60, 20, 10, 10, 10, 12);
        int header = w.header(CONTROLS);
        w.freezeThrough(header);
        for (ControlRow c : report.summary().controls()) {
            tally(w.row().text(c.framework()).text(c.controlId()).text(c.title()).text(c.label()), c.tally());
        }
        w.filter(header, CONTROLS.length);

        w.gap();
        w.header(RULES);
        for (RuleRow r : report.summary().rules()) {
            tally(w.row().text(r.ruleId()).text(r.title()).name(r.severity()), r.tally());
        }
    }

    private static void tally(RowWriter row, Tally t) {
        row.number(t.passed()).number(t.failed()).number(t.excepted()).number(t.notAssessed());
    }
}
