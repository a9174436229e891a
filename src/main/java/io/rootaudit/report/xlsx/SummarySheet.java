package io.rootaudit.report.xlsx;

import io.rootaudit.compliance.AccountStatus;
import io.rootaudit.compliance.Severity;
import io.rootaudit.report.EvidenceReport;
import io.rootaudit.report.EvidenceReport.RunInfo;
import io.rootaudit.report.EvidenceReport.Summary;
import io.rootaudit.report.EvidenceReport.Trend;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xddf.usermodel.XDDFColor;
import org.apache.poi.xddf.usermodel.XDDFLineProperties;
import org.apache.poi.xddf.usermodel.XDDFSolidFillProperties;
import org.apache.poi.xddf.usermodel.chart.AxisPosition;
import org.apache.poi.xddf.usermodel.chart.BarDirection;
import org.apache.poi.xddf.usermodel.chart.ChartTypes;
import org.apache.poi.xddf.usermodel.chart.XDDFBarChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFCategoryAxis;
import org.apache.poi.xddf.usermodel.chart.XDDFDataPoint;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSourcesFactory;
import org.apache.poi.xddf.usermodel.chart.XDDFValueAxis;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFClientAnchor;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFSheet;

/**
 * The first sheet: the run, the counts by status and severity, the compliance rate, the change since the
 * previous run, and a bar chart of the status counts. It is an ordinary (non-streaming) sheet because a
 * chart needs one.
 */
final class SummarySheet {

    static final String NAME = "Summary";
    /** The chart covers columns D to K, beside the values: a printed page holds labels, values and chart. */
    private static final int CHART_FROM_COLUMN = 3;
    private static final int CHART_TO_COLUMN = 11;

    private SummarySheet() {}

    static void write(XSSFSheet sheet, EvidenceReport report, Styles styles) {
        SheetWriter w = new SheetWriter(sheet, styles).widths(34, 70).printColumns(CHART_TO_COLUMN);
        RunInfo run = report.run();
        Summary summary = report.summary();

        w.repeatThrough(0); // the title, should the Summary ever need a second page
        w.row().styled("Root user audit evidence", styles.title);
        w.gap();
        w.row().styled("Run", styles.title);
        w.row().label("Organization id").text(run.organizationId());
        w.row().label("Management account").text(run.managementAccountId());
        w.row().label("Caller ARN").text(run.callerArn());
        w.row().label("Caller role").text(run.callerRole());
        w.row().label("Period").text(run.period());
        w.row().label("Run id").text(run.runId());
        w.row().label("Attempt").number(run.attempt());
        w.row().label("Started (UTC)").instant(run.startedAt());
        w.row().label("Ended (UTC)").instant(run.endedAt());
        w.row().label("Tool version").text(run.toolVersion());
        w.row().label("Configuration digest (SHA-256)").text(run.configDigest());
        w.row().label("Generated at (UTC)").instant(run.generatedAt());

        w.gap();
        w.row().styled("Accounts by status", styles.title);
        int firstStatus = w.nextRow();
        for (AccountStatus s : AccountStatus.values()) {
            w.row().status(s).number(summary.byStatus().getOrDefault(s, 0));
        }
        int lastStatus = w.nextRow() - 1;
        w.row().label("Total").number(summary.accounts());

        w.gap();
        w.row().styled("Open findings by severity", styles.title);
        for (Severity s : Severity.values()) {
            w.row().label(s.name()).number(summary.openFindingsBySeverity().getOrDefault(s, 0));
        }

        w.gap();
        w.row().label("Compliance rate").percentOrNa(summary.complianceRate());
        w.row().text("(compliant + excepted) / (compliant + non-compliant + excepted + error)");

        w.gap();
        w.row().styled("Change since previous run", styles.title);
        Trend trend = report.trend();
        if (trend == null) {
            w.row().text("first run");
        } else {
            w.row().label("Previous run id").text(trend.previousRunId());
            w.row().label("Previous period").text(trend.previousPeriod());
            w.row().label("Previous run ended (UTC)").instant(trend.previousEndedAt());
            w.row().label("Previous compliance rate").percentOrNa(trend.previousComplianceRate());
            w.row().label("Compliance rate change").pointsOrNa(trend.complianceRateChange());
            w.row().label("New findings").number(trend.newFindings());
            w.row().label("Resolved findings").number(trend.resolvedFindings());
            w.row().label("Still-open findings").number(trend.stillOpenFindings());
        }

        statusChart(sheet, firstStatus, lastStatus);
    }

    /**
     * A native bar chart of the status counts, referencing their cells (so it follows any edit of them). Each bar
     * has the fill of its status cells and an outline: without fills of its own a bar takes its colour from the
     * workbook's theme, and a POI workbook has none, so LibreOffice drew no bars at all.
     */
    private static void statusChart(XSSFSheet sheet, int firstRow, int lastRow) {
        XSSFDrawing drawing = sheet.createDrawingPatriarch();
        XSSFClientAnchor anchor = drawing.createAnchor(0, 0, 0, 0, CHART_FROM_COLUMN, 2, CHART_TO_COLUMN, 20);
        XSSFChart chart = drawing.createChart(anchor);
        chart.setTitleText("Accounts by status");
        chart.setTitleOverlay(false);
        XDDFCategoryAxis statuses = chart.createCategoryAxis(AxisPosition.BOTTOM);
        XDDFValueAxis counts = chart.createValueAxis(AxisPosition.LEFT);
        counts.setTitle("Accounts");
        XDDFBarChartData data = (XDDFBarChartData) chart.createData(ChartTypes.BAR, statuses, counts);
        data.setBarDirection(BarDirection.COL);
        data.setVaryColors(false);
        var series = data.addSeries(
                XDDFDataSourcesFactory.fromStringCellRange(sheet, new CellRangeAddress(firstRow, lastRow, 0, 0)),
                XDDFDataSourcesFactory.fromNumericCellRange(sheet, new CellRangeAddress(firstRow, lastRow, 1, 1)));
        series.setTitle("Accounts", null);
        XDDFLineProperties outline = new XDDFLineProperties(new XDDFSolidFillProperties(XDDFColor.from(0x59, 0x59, 0x59)));
        series.setFillProperties(new XDDFSolidFillProperties(XDDFColor.from(0xA6, 0xA6, 0xA6)));
        series.setLineProperties(outline);
        AccountStatus[] bars = AccountStatus.values(); // the rows firstRow..lastRow, in this order
        for (int i = 0; i < bars.length; i++) {
            XDDFDataPoint bar = series.getDataPoint(i);
            bar.setFillProperties(new XDDFSolidFillProperties(XDDFColor.from(Styles.statusColor(bars[i]))));
            bar.setLineProperties(outline);
        }
        chart.plot(data);
    }
}
