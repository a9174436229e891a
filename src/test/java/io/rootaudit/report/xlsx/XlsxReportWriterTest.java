package io.rootaudit.report.xlsx;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootaudit.audit.AuditError;
import io.rootaudit.audit.MfaType;
import io.rootaudit.audit.RootCredentialInventory;
import io.rootaudit.audit.RootCredentialInventory.AccessKey;
import io.rootaudit.audit.RootCredentialInventory.CredentialStatus;
import io.rootaudit.audit.RootCredentialInventory.MfaDevice;
import io.rootaudit.audit.RootCredentialInventory.Password;
import io.rootaudit.compliance.AccountStatus;
import io.rootaudit.compliance.Severity;
import io.rootaudit.compliance.Tally;
import io.rootaudit.organization.PrerequisiteCheck;
import io.rootaudit.report.EvidenceReport;
import io.rootaudit.report.EvidenceReport.AccountRow;
import io.rootaudit.report.EvidenceReport.FindingRow;
import io.rootaudit.report.SpreadsheetText;
import io.rootaudit.devtools.benchmark.SyntheticEvidence;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xddf.usermodel.chart.XDDFBarChartData;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFColor;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openxmlformats.schemas.drawingml.x2006.chart.CTBarSer;
import org.openxmlformats.schemas.drawingml.x2006.chart.CTDPt;
import org.openxmlformats.schemas.spreadsheetml.x2006.main.CTCol;

/** Writes evidence.xlsx and reads it back with POI, as an auditor's Excel would see it. */
class XlsxReportWriterTest {

    private static final Instant NOW = Instant.parse("2026-11-27T06:00:00Z");
    private static final String[] SHEETS = {"Summary", "Accounts", "Findings", "By owner", "Controls", "Exceptions",
            "Organization", "Changes", "Remediation", "Privileged actions"};
    private static final String[] TABLES = {"Accounts", "Findings", "By owner", "Controls", "Exceptions", "Organization", "Changes",
            "Remediation", "Privileged actions"};

    @TempDir
    static Path dir;

    private static EvidenceReport synthetic;
    /** SyntheticEvidence.of(200). */
    private static XSSFWorkbook book;
    /** {@link #small()}: hostile and over-long text, no previous run. */
    private static XSSFWorkbook small;

    @BeforeAll
    static void writeWorkbooks() throws IOException {
        synthetic = SyntheticEvidence.of(200);
        book = writeAndOpen(synthetic, "synthetic.xlsx");
        small = writeAndOpen(small(), "small.xlsx");
    }

    @AfterAll
    static void close() throws IOException {
        book.close();
        small.close();
    }

    @Test
    void namesTheFileEvidenceXlsx() {
        assertThat(new XlsxReportWriter().fileName()).isEqualTo("evidence.xlsx");
    }

    @Test
    void hasTheSheetsInOrder() {
        List<String> names = new ArrayList<>();
        book.sheetIterator().forEachRemaining(s -> names.add(s.getSheetName()));
        assertThat(names).containsExactly(SHEETS);
    }

    @Test
    void hasOneRowPerAccountInOrder() {
        Sheet accounts = book.getSheet("Accounts");
        assertThat(accounts.getLastRowNum()).isEqualTo(200);
        assertThat(accounts.getRow(0).getCell(0).getStringCellValue()).isEqualTo("Account id");
        for (int i = 0; i < 200; i++) {
            assertThat(accounts.getRow(i + 1).getCell(0).getStringCellValue())
                    .isEqualTo(synthetic.accounts().get(i).accountId());
        }
    }

    @Test
    void writesInstantsAsDateCellsInUtc() {
        AccountRow withPassword = synthetic.accounts().get(3);
        Row row = accounts(3);
        assertDate(row.getCell(column("Password created (UTC)")), withPassword.inventory().password().createdAt());
        assertDate(row.getCell(column("Latest access key use (UTC)")),
                withPassword.inventory().accessKeys().get(0).lastUsedAt());
        assertDate(row.getCell(column("Audited at (UTC)")), withPassword.auditedAt());
        assertDate(valueOf(book.getSheet("Summary"), "Started (UTC)"), synthetic.run().startedAt());
        assertDate(valueOf(book.getSheet("Summary"), "Generated at (UTC)"), synthetic.run().generatedAt());
    }

    @Test
    void writesCountsAsNumbers() {
        Sheet summary = book.getSheet("Summary");
        for (AccountStatus s : AccountStatus.values()) {
            Cell count = valueOf(summary, s.name());
            assertThat(count.getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(count.getNumericCellValue()).isEqualTo((double) synthetic.summary().byStatus().get(s));
        }
        Cell critical = valueOf(summary, "CRITICAL");
        assertThat(critical.getCellType()).isEqualTo(CellType.NUMERIC);
        assertThat(critical.getNumericCellValue())
                .isEqualTo((double) synthetic.summary().openFindingsBySeverity().get(Severity.CRITICAL));

        Cell activeKeys = accounts(3).getCell(column("Active access keys"));
        assertThat(activeKeys.getCellType()).isEqualTo(CellType.NUMERIC);
        assertThat(activeKeys.getNumericCellValue()).isEqualTo(1);
        Row control = book.getSheet("Controls").getRow(1);
        assertThat(control.getCell(2).getStringCellValue()).isEqualTo(synthetic.summary().controls().get(0).title());
        Cell passed = control.getCell(4);
        assertThat(passed.getCellType()).isEqualTo(CellType.NUMERIC);
        assertThat(passed.getNumericCellValue()).isEqualTo((double) synthetic.summary().controls().get(0).tally().passed());
    }

    @Test
    void writesTheComplianceRateAsAPercentage() {
        Cell rate = valueOf(book.getSheet("Summary"), "Compliance rate");
        assertThat(rate.getCellType()).isEqualTo(CellType.NUMERIC);
        assertThat(rate.getNumericCellValue()).isEqualTo(synthetic.summary().complianceRate());
        assertThat(rate.getCellStyle().getDataFormatString()).isEqualTo("0.0%");

        Cell change = valueOf(book.getSheet("Summary"), "Compliance rate change");
        assertThat(change.getCellType()).isEqualTo(CellType.NUMERIC);
        assertThat(change.getNumericCellValue())
                .isCloseTo(synthetic.trend().complianceRateChange() * 100, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void keepsFormulaLikeNamesAsQuotePrefixedText() {
        Cell name = accounts(3).getCell(column("Name"));
        assertThat(name.getCellType()).isEqualTo(CellType.STRING);
        assertThat(name.getStringCellValue()).isEqualTo("=HYPERLINK(\"http://evil.example\") 3");
        assertThat(name.getCellStyle().getQuotePrefixed()).isTrue();
        assertThat(accounts(0).getCell(column("Name")).getCellStyle().getQuotePrefixed()).isFalse();

        Cell findingName = findingOf(synthetic.accounts().get(3).accountId()).getCell(1);
        assertThat(findingName.getStringCellValue()).isEqualTo("=HYPERLINK(\"http://evil.example\") 3");
        assertThat(findingName.getCellStyle().getQuotePrefixed()).isTrue();
    }

    @Test
    void hasNoFormulaCellAnywhere() {
        for (Sheet sheet : book) {
            for (Row row : sheet) {
                for (Cell cell : row) {
                    assertThat(cell.getCellType()).as(sheet.getSheetName() + "!" + cell.getAddress())
                            .isNotEqualTo(CellType.FORMULA);
                }
            }
        }
    }

    @Test
    void roundTripsUnicodeAndMarkupExactly() {
        assertThat(accounts(1).getCell(column("Name")).getStringCellValue()).isEqualTo("Zürich – 東京 1");
        assertThat(accounts(2).getCell(column("Name")).getStringCellValue()).isEqualTo("<script>alert(1)</script> 2");
    }

    @Test
    void listsEachOwnersOpenFindingsAndEveryAccountNobodyOwns() {
        Sheet sheet = book.getSheet("By owner");
        assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("Owner");
        List<String> owners = new ArrayList<>();
        Map<String, List<String>> rowsByAccount = new java.util.HashMap<>();
        for (int r = 1; r <= sheet.getLastRowNum(); r++) {
            Row row = sheet.getRow(r);
            owners.add(row.getCell(0).getStringCellValue());
            Cell account = row.getCell(1);
            if (account != null && !account.getStringCellValue().isEmpty()) {
                Cell rule = row.getCell(4);
                rowsByAccount.computeIfAbsent(account.getStringCellValue(), k -> new ArrayList<>())
                        .add(row.getCell(0).getStringCellValue() + "|" + (rule == null ? "" : rule.getStringCellValue()));
            }
        }
        // owners sorted, "no owner" last
        assertThat(owners.get(owners.size() - 1)).isEqualTo("no owner");
        assertThat(owners.stream().distinct().toList()).isSortedAccordingTo(java.util.Comparator
                .comparing((String o) -> o.equals("no owner")).thenComparing(java.util.Comparator.naturalOrder()));
        for (EvidenceReport.AccountRow a : synthetic.accounts()) {
            List<String> open = a.findings().stream().filter(f -> !f.excepted()).map(f -> a.owner() + "|" + f.ruleId()).toList();
            if (a.owner().equals("no owner")) {
                // every account nobody owns has at least one row, whatever its status
                assertThat(rowsByAccount.get(a.accountId())).as(a.accountId()).isNotEmpty();
            }
            if (a.status() != AccountStatus.ERROR) {
                assertThat(rowsByAccount.getOrDefault(a.accountId(), List.of()).stream().filter(x -> !x.endsWith("|")).toList())
                        .as(a.accountId()).containsExactlyElementsOf(open);
            }
        }
        assertThat(synthetic.accounts().stream().filter(a -> a.owner().equals("no owner")).count()).isPositive();
    }

    @Test
    void saysWhenOwnerRoutingWasOff() throws IOException {
        EvidenceReport r = small();
        List<EvidenceReport.AccountRow> noOwners = r.accounts().stream().map(a -> new EvidenceReport.AccountRow(a.accountId(),
                a.name(), a.email(), a.ouPath(), a.state(), a.joinedAt(), a.tags(), null, a.status(), a.statusReason(),
                a.highestSeverity(), a.inventory(), a.findings(), a.exceptionReferences(), a.error(), a.auditedAt())).toList();
        EvidenceReport off = new EvidenceReport(r.run(), r.organization(), r.summary(), noOwners, r.exceptions(), r.trend(),
                r.resultsJsonSha256(), r.remediation(), r.privilegedActions());
        try (XSSFWorkbook b = writeAndOpen(off, "owners-off.xlsx")) {
            assertThat(b.getSheet("By owner").getRow(0).getCell(0).getStringCellValue()).isEqualTo(ByOwnerSheet.OFF);
            assertThat(b.getSheet("Accounts").getRow(1).getCell(column("Owner"))).as("no owner cell").isNull();
        }
        // with owners, a formula-like owner stays text
        Sheet accounts = small.getSheet("Accounts");
        assertThat(accounts.getRow(accounts.getLastRowNum()).getCell(column("Owner")).getStringCellValue())
                .isEqualTo("=HYPERLINK(\"http://x\")");
    }

    @Test
    void freezesTheHeaderAndFiltersEveryTable() {
        for (String name : TABLES) {
            XSSFSheet sheet = book.getSheet(name);
            assertThat(sheet.getPaneInformation()).as(name).isNotNull();
            assertThat(sheet.getPaneInformation().isFreezePane()).as(name).isTrue();
            assertThat(sheet.getCTWorksheet().isSetAutoFilter()).as(name).isTrue();
        }
        XSSFSheet accounts = book.getSheet("Accounts");
        assertThat(accounts.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 1);
        assertThat(accounts.getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:V201");
        assertThat(accounts.getRow(0).getCell(0).getCellStyle().getFont().getBold()).isTrue();
    }

    @Test
    void fillsTheStatusCellByStatus() {
        int status = column("Status");
        var compliant = accounts(1).getCell(status).getCellStyle();
        var nonCompliant = accounts(3).getCell(status).getCellStyle();
        assertThat(accounts(1).getCell(status).getStringCellValue()).isEqualTo("COMPLIANT");
        assertThat(accounts(3).getCell(status).getStringCellValue()).isEqualTo("NON_COMPLIANT");
        assertThat(compliant.getFillForegroundColorColor()).isNotNull();
        assertThat(compliant.getIndex()).isNotEqualTo(nonCompliant.getIndex());
        // the same style object is shared, not one per cell
        assertThat(accounts(11).getCell(status).getCellStyle().getIndex()).isEqualTo(compliant.getIndex());
        assertThat(book.getNumCellStyles()).isLessThan(30);
    }

    @Test
    void drawsANativeChartOfTheStatusCounts() {
        List<XSSFChart> charts = book.getSheet("Summary").getDrawingPatriarch().getCharts();
        assertThat(charts).hasSize(1);
        var series = charts.get(0).getChartSeries().get(0).getSeries(0);
        assertThat(series.getValuesData().getDataRangeReference()).startsWith("Summary!$B$");
        assertThat(series.getCategoryData().getPointCount()).isEqualTo(AccountStatus.values().length);
    }

    /** Explicit fills: a workbook written by POI has no theme, and bars that take their colour from it show in no reader. */
    @Test
    void fillsEachBarOfTheChartLikeItsStatusCells() {
        XSSFChart chart = book.getSheet("Summary").getDrawingPatriarch().getCharts().get(0);
        CTBarSer series = ((XDDFBarChartData.Series) chart.getChartSeries().get(0).getSeries(0)).getCTBarSer();
        assertThat(series.getSpPr().isSetSolidFill()).as("the series' own fill").isTrue();
        assertThat(series.getDPtList()).hasSize(AccountStatus.values().length);
        for (CTDPt bar : series.getDPtList()) {
            AccountStatus status = AccountStatus.values()[(int) bar.getIdx().getVal()];
            byte[] cellFill = ((XSSFColor) valueOf(book.getSheet("Summary"), status.name()).getRow().getCell(0)
                    .getCellStyle().getFillForegroundColorColor()).getRGB();
            assertThat(bar.getSpPr().getSolidFill().getSrgbClr().getVal()).as(status.name()).isEqualTo(cellFill);
            assertThat(bar.getSpPr().getLn().isSetSolidFill()).as("outline of " + status).isTrue();
        }
        // and the cell fills are the status colours of the Accounts sheet
        assertThat(((XSSFColor) accounts(3).getCell(column("Status")).getCellStyle().getFillForegroundColorColor())
                .getRGB()).isEqualTo(Styles.statusColor(AccountStatus.NON_COMPLIANT));
    }

    @Test
    void printsEverySheetOnePageWideWithItsHeaderOnEveryPageAndItsNameAndPageInTheFooter() {
        for (String name : SHEETS) {
            XSSFSheet sheet = book.getSheet(name);
            assertThat(sheet.getFitToPage()).as(name).isTrue();
            assertThat(sheet.getPrintSetup().getFitWidth()).as(name).isEqualTo((short) 1);
            assertThat(sheet.getPrintSetup().getFitHeight()).as(name + ": as many pages long as needed").isZero();
            assertThat(sheet.getPrintSetup().getLandscape()).as(name)
                    .isEqualTo(widthInCharacters(sheet) > SheetWriter.PORTRAIT_CHARACTERS);
            CellRangeAddress repeated = sheet.getRepeatingRows();
            assertThat(repeated).as(name).isNotNull();
            assertThat(repeated.getFirstRow()).as(name).isZero();
            // the last repeated row is the table's header (bold), the rows above it its title: what stays frozen on screen
            assertThat(sheet.getRow(repeated.getLastRow()).getCell(0).getCellStyle().getFont().getBold()).as(name).isTrue();
            if (sheet.getPaneInformation() != null) {
                assertThat(repeated.getLastRow() + 1).as(name).isEqualTo(sheet.getPaneInformation().getHorizontalSplitPosition());
            }
            assertThat(sheet.getFooter().getLeft()).as(name).isEqualTo("&A");
            assertThat(sheet.getFooter().getRight()).as(name).contains("&P");
            if (!name.equals("Summary")) {
                // the laid-out columns, not the text that runs on past the last one
                assertThat(book.getPrintArea(book.getSheetIndex(sheet))).as(name)
                        .endsWith("!$A:$" + CellReference.convertNumToColString(columnsOf(sheet) - 1));
            }
        }
        assertThat(book.getPrintArea(0)).as("values and the chart beside them").isEqualTo("Summary!$A:$K");
        assertThat(book.getSheet("Remediation").getRepeatingRows().getLastRow()).isEqualTo(2);
        assertThat(book.getSheet("Summary").getPrintSetup().getLandscape()).as("labels, values and the chart side by side").isTrue();
    }

    @Test
    void printsANarrowSheetPortrait() throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            XSSFSheet narrow = wb.createSheet("narrow");
            XSSFSheet wide = wb.createSheet("wide");
            new SheetWriter(narrow, new Styles(wb)).widths(40, 50);
            new SheetWriter(wide, new Styles(wb)).widths(40, 51);
            assertThat(narrow.getPrintSetup().getLandscape()).isFalse();
            assertThat(wide.getPrintSetup().getLandscape()).isTrue();
        }
    }

    @Test
    void listsActiveAndExpiredExceptions() {
        Sheet exceptions = book.getSheet("Exceptions");
        assertThat(exceptions.getLastRowNum()).isEqualTo(2);
        assertThat(exceptions.getRow(1).getCell(7).getStringCellValue()).isEqualTo("ACTIVE");
        assertThat(exceptions.getRow(2).getCell(7).getStringCellValue()).isEqualTo("EXPIRED");
        assertThat(exceptions.getRow(1).getCell(2).getStringCellValue()).isEqualTo("all");
        Cell expires = exceptions.getRow(2).getCell(6);
        assertThat(DateUtil.isCellDateFormatted(expires)).isTrue();
        assertThat(expires.getLocalDateTimeCellValue().toLocalDate()).isEqualTo(LocalDate.of(2026, 10, 1));
    }

    @Test
    void listsOneRowPerChangeSinceThePreviousRun() {
        Sheet changes = book.getSheet("Changes");
        List<EvidenceReport.FindingChange> expected = synthetic.trend().changes();
        assertThat(expected).isNotEmpty();
        assertThat(changes.getRow(0).getCell(0).getStringCellValue()).contains("2026-10-1-fedcba");
        assertThat(changes.getRow(2).getCell(0).getStringCellValue()).isEqualTo("Account id");
        assertThat(changes.getLastRowNum()).isEqualTo(2 + expected.size());
        assertThat(changes.getRow(3).getCell(4).getStringCellValue()).isEqualTo(expected.get(0).change().name());
    }

    @Test
    void listsOneRowPerRemediationActionAndOnePerAccountLeftAlone() {
        XSSFSheet sheet = book.getSheet("Remediation");
        EvidenceReport.Remediation remediation = synthetic.remediation();
        assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).startsWith("Remediation mode APPLY: 5 account(s)")
                .contains("REMEDIATED 2", "FAILED 1", "SKIPPED_EXCEPTED 1", "SKIPPED_RECOVERY_IN_PROGRESS 1");
        assertThat(sheet.getRow(2).getCell(0).getStringCellValue()).isEqualTo("Account id");
        assertThat(sheet.getRow(2).getCell(8).getStringCellValue()).isEqualTo("Time (UTC)");
        assertThat(sheet.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 3);
        int expected = remediation.accounts().stream().mapToInt(a -> Math.max(1, a.actions().size())).sum();
        assertThat(sheet.getLastRowNum()).isEqualTo(2 + expected);
        assertThat(sheet.getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A3:I" + (3 + expected));

        EvidenceReport.RemediationRow first = remediation.accounts().get(0);
        Row action = sheet.getRow(3);
        assertThat(action.getCell(0).getStringCellValue()).isEqualTo(first.accountId());
        // the account name is AWS text: formula-like, so quote-prefixed
        assertThat(action.getCell(1).getStringCellValue()).isEqualTo("=HYPERLINK(\"http://evil.example\") 3");
        assertThat(action.getCell(1).getCellStyle().getQuotePrefixed()).isTrue();
        assertThat(action.getCell(2).getStringCellValue()).isEqualTo("REMEDIATED");
        assertThat(action.getCell(4).getStringCellValue()).isEqualTo("DELETE_ACCESS_KEY");
        assertThat(action.getCell(5).getStringCellValue()).isEqualTo(first.actions().get(0).target());
        assertThat(action.getCell(6).getStringCellValue()).isEqualTo("DONE");
        assertDate(action.getCell(8), first.actions().get(0).at());

        Row failed = rowWith(sheet, 6, "FAILED");
        assertThat(failed.getCell(2).getStringCellValue()).isEqualTo("FAILED");
        assertThat(failed.getCell(3).getStringCellValue()).contains("DELETE_LOGIN_PROFILE failed");
        assertThat(failed.getCell(4).getStringCellValue()).isEqualTo("DELETE_LOGIN_PROFILE");
        assertThat(failed.getCell(7).getStringCellValue()).isEqualTo("AccessDenied: explicit deny in a service control policy");

        Row skipped = rowWith(sheet, 2, "SKIPPED_EXCEPTED");
        assertThat(skipped.getCell(3).getStringCellValue()).isEqualTo("an exception covers at least one finding of this account");
        for (int c = 4; c <= 8; c++) {
            assertThat(skipped.getCell(c)).as("action column %d of a skipped account", c).isNull();
        }
    }

    @Test
    void listsPrivilegedActionsWithWhoWhyAndTicket() {
        XSSFSheet sheet = book.getSheet("Privileged actions");
        assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("Id");
        assertThat(sheet.getRow(0).getCell(0).getCellStyle().getFont().getBold()).isTrue();
        assertThat(sheet.getLastRowNum()).isEqualTo(2);
        assertThat(sheet.getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:L3");
        EvidenceReport.PrivilegedActionRow recovery = synthetic.privilegedActions().get(1);
        Row row = sheet.getRow(2);
        assertThat(row.getCell(1).getStringCellValue()).isEqualTo("allow-recovery");
        assertThat(row.getCell(2).getStringCellValue()).isEqualTo(recovery.accountId());
        assertThat(row.getCell(3).getStringCellValue()).isEqualTo(recovery.accountName());
        assertThat(row.getCell(4)).isNull();
        assertThat(row.getCell(5).getStringCellValue()).isEqualTo(recovery.callerArn());
        assertDate(row.getCell(6), recovery.at());
        assertThat(row.getCell(7).getStringCellValue()).isEqualTo(recovery.reason());
        assertThat(row.getCell(8).getStringCellValue()).isEqualTo("CHG-4711");
        assertThat(row.getCell(9).getStringCellValue()).isEqualTo("No");
        assertThat(row.getCell(10).getStringCellValue()).isEqualTo("DONE");
        assertThat(sheet.getRow(1).getCell(9).getStringCellValue()).isEqualTo("Yes");
        assertThat(sheet.getRow(1).getCell(10).getStringCellValue()).isEqualTo("DRY_RUN");
    }

    @Test
    void saysRemediationWasOffAndListsNoPrivilegedAction() {
        Sheet remediation = small.getSheet("Remediation");
        assertThat(remediation.getLastRowNum()).isZero();
        assertThat(remediation.getRow(0).getCell(0).getStringCellValue()).isEqualTo("Remediation was off for this run");
        Sheet privileged = small.getSheet("Privileged actions");
        assertThat(privileged.getLastRowNum()).isZero();
        assertThat(privileged.getRow(0).getCell(11).getStringCellValue()).isEqualTo("Detail");
    }

    @Test
    void listsOneRowPerFinding() {
        assertThat(book.getSheet("Findings").getLastRowNum()).isEqualTo(synthetic.findings().size());
    }

    @Test
    void saysFirstRunWhenThereIsNoPreviousRun() {
        Sheet changes = small.getSheet("Changes");
        assertThat(changes.getLastRowNum()).isZero();
        assertThat(changes.getRow(0).getCell(0).getStringCellValue())
                .isEqualTo("First run of this organization: nothing to compare");
        assertThat(valueOfText(small.getSheet("Summary"), "Change since previous run", 1)).isEqualTo("first run");
        assertThat(valueOf(small.getSheet("Summary"), "Compliance rate").getStringCellValue()).isEqualTo("n/a");
    }

    @Test
    void quotePrefixesEveryFormulaTriggerAndLeavesTheValueAlone() {
        Sheet accounts = small.getSheet("Accounts");
        for (int i = 0; i < TRIGGERS.length; i++) {
            Cell name = accounts.getRow(i + 1).getCell(1);
            assertThat(name.getCellType()).isEqualTo(CellType.STRING);
            assertThat(name.getStringCellValue()).isEqualTo(TRIGGERS[i]);
            assertThat(name.getCellStyle().getQuotePrefixed()).as(TRIGGERS[i]).isTrue();
        }
        Cell ouPath = accounts.getRow(1).getCell(3);
        assertThat(ouPath.getStringCellValue()).isEqualTo("Root/Prod");
        assertThat(ouPath.getCellStyle().getQuotePrefixed()).isFalse();
    }

    @Test
    void showsExcelEscapeSequencesAndControlCharactersLiterally() {
        Row row = small.getSheet("Accounts").getRow(TRIGGERS.length + 1);
        Cell name = row.getCell(column("Name"));
        assertThat(name.getStringCellValue()).isEqualTo(ESCAPE_LIKE);
        assertThat(row.getCell(column("OU path")).getStringCellValue()).isEqualTo(CONTROL_CHARS);
        assertThat(CellText.escape("_x003D__x0041_x")).isEqualTo("_x005F_x003D__x005F_x0041_x");
        String plain = "plain_text_x12_ and x0041";
        assertThat(CellText.escape(plain)).isSameAs(plain);
    }

    @Test
    void theFormulaTriggersAreTheOnesSpreadsheetsEvaluate() {
        for (char c = 0; c < 128; c++) {
            String value = c + "x";
            assertThat(SpreadsheetText.isFormulaLike(value)).as("char %d", (int) c).isEqualTo("=+-@\t\r".indexOf(c) >= 0);
        }
        assertThat(SpreadsheetText.isFormulaLike("")).isFalse();
        assertThat(SpreadsheetText.neutralize("=HYPERLINK(\"x\")")).isEqualTo("'=HYPERLINK(\"x\")");
    }

    @Test
    void truncatesTextLongerThanExcelAllowsWithAMarker() {
        Row error = small.getSheet("Accounts").getRow(TRIGGERS.length + 1);
        assertThat(error.getCell(column("Error code")).getStringCellValue()).isEqualTo("AccessDenied");
        String message = error.getCell(column("Error message")).getStringCellValue();
        assertThat(message).hasSize(32_767).startsWith("xxxx").endsWith("[truncated: 40000 characters in total]");
        // not audited: the credential columns stay blank rather than showing zeros
        assertThat(error.getCell(column("Password present"))).isNull();
        assertThat(error.getCell(column("Active access keys"))).isNull();
        // a cut never splits a surrogate pair (this one would fall inside an emoji)
        String fitted = CellText.of("x".repeat(32_700) + "😀".repeat(100));
        assertThat(fitted.length()).isLessThanOrEqualTo(32_767);
        assertThat(Character.isHighSurrogate(fitted.charAt(fitted.indexOf('…') - 1))).isFalse();
    }

    @Test
    void writesMfaTypesAndOrganizationChecks() {
        Row first = small.getSheet("Accounts").getRow(1);
        assertThat(first.getCell(column("MFA types")).getStringCellValue()).isEqualTo("VIRTUAL, FIDO");
        assertThat(first.getCell(column("Password present")).getStringCellValue()).isEqualTo("Yes");
        assertThat(first.getCell(column("Inactive access keys")).getNumericCellValue()).isEqualTo(1);
        Sheet org = small.getSheet("Organization");
        assertThat(org.getRow(0).getCell(1).getStringCellValue()).isEqualTo("RootCredentialsManagement");
        assertThat(org.getRow(3).getCell(2).getStringCellValue()).isEqualTo("FAILED");
        assertThat(org.getRow(6).getCell(0).getStringCellValue()).isEqualTo("org-root-sessions-disabled");
    }

    @Test
    void streamsTenThousandAccounts() throws Exception {
        Path file = write(SyntheticEvidence.of(10_000), "large.xlsx");
        // counted with a streaming read: loading 10,000 rows into an XSSFWorkbook would take longer than writing them
        assertThat(rowsOf(file, "Accounts")).isEqualTo(10_001);
    }

    // --- helpers ---

    private static final String[] TRIGGERS = {"=1+1", "+1", "-1", "@SUM(A1)", "\tcmd", "\rcmd"};
    /** Excel would show the unescaped text as "=HYPERLINK(...)" and run it once the cell is edited. */
    private static final String ESCAPE_LIKE = "_x003D_HYPERLINK(\"http://evil.example\")_x0041__x0042_";
    private static final String CONTROL_CHARS = "Root\u0001\u001F/Ops\u000B";

    /** A small report: one account per formula trigger, then an account in ERROR with a 40,000-char message. */
    private static EvidenceReport small() {
        List<AccountRow> accounts = new ArrayList<>();
        for (int i = 0; i < TRIGGERS.length; i++) {
            String id = "11111111111" + i;
            RootCredentialInventory inv = new RootCredentialInventory("arn:aws:iam::" + id + ":root", NOW,
                    new Password(NOW, null, false),
                    List.of(new AccessKey("AKIAOLD", CredentialStatus.INACTIVE, NOW, null, null, null)), List.of(),
                    List.of(new MfaDevice("arn:aws:iam::" + id + ":mfa/a", MfaType.VIRTUAL, NOW),
                            new MfaDevice("arn:aws:iam::" + id + ":u2f/b", MfaType.FIDO, NOW)));
            FindingRow finding = new FindingRow(id, TRIGGERS[i], "root-password-present", "Root user has a console password",
                    Severity.HIGH, List.of("CIS v5.0 1.6"), "Root has a console password", null, null, "Delete it.");
            accounts.add(new AccountRow(id, TRIGGERS[i], "a@example.com", "Root/Prod", "ACTIVE", NOW, Map.of(), "team-" + i,
                    AccountStatus.NON_COMPLIANT, null, Severity.HIGH, inv, List.of(finding), List.of(), null, NOW));
        }
        accounts.add(new AccountRow("222222222222", ESCAPE_LIKE, "b@example.com", CONTROL_CHARS, "ACTIVE", NOW, Map.of(), "=HYPERLINK(\"http://x\")",
                AccountStatus.ERROR, null, null, null, List.of(), List.of(), new AuditError("AccessDenied",
                "x".repeat(40_000)), NOW));
        Map<AccountStatus, Integer> byStatus = new EnumMap<>(AccountStatus.class);
        Map<Severity, Integer> bySeverity = new EnumMap<>(Severity.class);
        Tally tally = new Tally(0, 0, 0, 0);
        EvidenceReport.Summary summary = new EvidenceReport.Summary(accounts.size(), byStatus, bySeverity, null,
                List.of(new EvidenceReport.RuleRow("root-password-present", "t", Severity.HIGH, tally)),
                List.of(new EvidenceReport.ControlRow("CIS", "1.6", "t", "CIS v5.0 1.6", tally)));
        EvidenceReport.RunInfo run = new EvidenceReport.RunInfo("run-1", "2026-11", 1, "o-small", "123456789012",
                "arn:aws:sts::123456789012:assumed-role/RootAudit/x", "MANAGEMENT_ACCOUNT", NOW, NOW, "0.1.0", "{}",
                "0".repeat(64), NOW);
        EvidenceReport.OrganizationView org = new EvidenceReport.OrganizationView(List.of("RootCredentialsManagement"),
                List.of(new PrerequisiteCheck("root-sessions", "RootSessions enabled", PrerequisiteCheck.Outcome.FAILED,
                        "RootSessions is disabled", "Enable it")),
                List.of(new FindingRow(null, null, "org-root-sessions-disabled", "RootSessions disabled", Severity.MEDIUM,
                        List.of("CIS v7.0 2.1.1"), "RootSessions is disabled", null, null, "Enable it")));
        return new EvidenceReport(run, org, summary, accounts, List.of(), null, null, null, List.of());
    }

    private static XSSFWorkbook writeAndOpen(EvidenceReport report, String fileName) throws IOException {
        return (XSSFWorkbook) WorkbookFactory.create(write(report, fileName).toFile(), null, true);
    }

    private static Path write(EvidenceReport report, String fileName) throws IOException {
        Path file = dir.resolve(fileName);
        try (OutputStream out = Files.newOutputStream(file)) {
            new XlsxReportWriter().write(report, dir, out);
        }
        return file;
    }

    /** The number of rows of a sheet, read as a stream of XML events. */
    private static int rowsOf(Path file, String sheetName) throws Exception {
        try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
            XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) new XSSFReader(pkg).getSheetsData();
            while (sheets.hasNext()) {
                try (InputStream in = sheets.next()) {
                    if (sheets.getSheetName().equals(sheetName)) {
                        XMLStreamReader xml = XMLInputFactory.newFactory().createXMLStreamReader(in);
                        int rows = 0;
                        while (xml.hasNext()) {
                            if (xml.next() == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("row")) {
                                rows++;
                            }
                        }
                        return rows;
                    }
                }
            }
        }
        throw new AssertionError("no sheet " + sheetName);
    }

    /** The sum of the sheet's set column widths, in characters. */
    private static int widthInCharacters(XSSFSheet sheet) {
        int total = 0;
        for (CTCol col : sheet.getCTWorksheet().getColsArray(0).getColArray()) {
            total += (int) Math.round(col.getWidth()) * (int) (col.getMax() - col.getMin() + 1);
        }
        return total;
    }

    /** How many columns have a set width. */
    private static int columnsOf(XSSFSheet sheet) {
        return (int) Stream.of(sheet.getCTWorksheet().getColsArray(0).getColArray()).mapToLong(CTCol::getMax).max().orElse(0);
    }

    private static Row accounts(int index) {
        return book.getSheet("Accounts").getRow(index + 1);
    }

    private static int column(String header) {
        return List.of(AccountsSheet.HEADER).indexOf(header);
    }

    /** The first row whose cell {@code column} holds {@code value}. */
    private static Row rowWith(Sheet sheet, int column, String value) {
        for (Row row : sheet) {
            Cell cell = row.getCell(column);
            if (cell != null && cell.getCellType() == CellType.STRING && cell.getStringCellValue().equals(value)) {
                return row;
            }
        }
        throw new AssertionError("no row with " + value + " on " + sheet.getSheetName());
    }

    private static Row findingOf(String accountId) {
        for (Row row : book.getSheet("Findings")) {
            if (row.getCell(0).getStringCellValue().equals(accountId)) {
                return row;
            }
        }
        throw new AssertionError("no finding of " + accountId);
    }

    /** The cell right of the first cell whose text is {@code label}. */
    private static Cell valueOf(Sheet sheet, String label) {
        for (Row row : sheet) {
            Cell first = row.getCell(0);
            if (first != null && first.getCellType() == CellType.STRING && first.getStringCellValue().equals(label)) {
                return row.getCell(1);
            }
        }
        throw new AssertionError("no row " + label + " on " + sheet.getSheetName());
    }

    /** The text {@code below} rows under the first cell whose text is {@code label}. */
    private static String valueOfText(Sheet sheet, String label, int below) {
        for (Row row : sheet) {
            Cell first = row.getCell(0);
            if (first != null && first.getCellType() == CellType.STRING && first.getStringCellValue().equals(label)) {
                return sheet.getRow(row.getRowNum() + below).getCell(0).getStringCellValue();
            }
        }
        throw new AssertionError("no row " + label + " on " + sheet.getSheetName());
    }

    private static void assertDate(Cell cell, Instant expected) {
        assertThat(cell.getCellType()).isEqualTo(CellType.NUMERIC);
        assertThat(DateUtil.isCellDateFormatted(cell)).isTrue();
        assertThat(cell.getLocalDateTimeCellValue().toInstant(ZoneOffset.UTC)).isEqualTo(expected);
    }
}
