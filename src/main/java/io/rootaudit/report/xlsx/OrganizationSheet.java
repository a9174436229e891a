package io.rootaudit.report.xlsx;

import io.rootaudit.organization.PrerequisiteCheck;
import io.rootaudit.report.EvidenceReport;
import io.rootaudit.report.EvidenceReport.FindingRow;
import io.rootaudit.report.EvidenceReport.OrganizationView;
import org.apache.poi.ss.usermodel.Sheet;

/**
 * The organization-level evidence: its enabled features, the prerequisite checks (the table with the
 * autofilter) and the organization-level findings.
 */
final class OrganizationSheet {

    static final String NAME = "Organization";
    static final String[] CHECKS = {"Check id", "Title", "Outcome", "Detail", "Fix"};
    static final String[] FINDINGS = {"Rule id", "Severity", "Controls", "Detail", "Remediation"};

    private OrganizationSheet() {}

    static void write(Sheet sheet, EvidenceReport report, Styles styles) {
        OrganizationView org = report.organization();
        SheetWriter w = new SheetWriter(sheet, styles).widths(40, 40, 30, 60, 60);
        w.row().label("Enabled features").text(String.join(", ", org.enabledFeatures()));
        w.gap();
        int header = w.header(CHECKS);
        w.freezeThrough(header);
        for (PrerequisiteCheck c : org.checks()) {
            w.row().text(c.id()).text(c.title()).name(c.outcome()).text(c.detail()).text(c.fix());
        }
        w.filter(header, CHECKS.length);

        w.gap();
        w.header(FINDINGS);
        if (org.findings().isEmpty()) {
            w.row().text("No organization-level finding");
        }
        for (FindingRow f : org.findings()) {
            w.row().text(f.ruleId()).name(f.severity()).text(String.join(", ", f.controls())).text(f.detail())
                    .text(f.remediation());
        }
    }
}
