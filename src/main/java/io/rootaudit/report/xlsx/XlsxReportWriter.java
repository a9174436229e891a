package io.rootaudit.report.xlsx;

import io.rootaudit.report.ArtifactWriter;
import io.rootaudit.report.EvidenceReport;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import org.apache.poi.util.DefaultTempFileCreationStrategy;
import org.apache.poi.util.TempFile;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Writes {@code evidence.xlsx}: Summary (with a native chart), Accounts, Findings, Controls, Exceptions,
 * Organization, Changes, Remediation and Privileged actions. Every value comes from the {@link EvidenceReport}; text
 * from AWS is always a string cell, never a formula. Rows are streamed ({@link SXSSFWorkbook}), so large organizations cost little memory.
 */
@Component
@Order(3)
public class XlsxReportWriter implements ArtifactWriter {

    public static final String FILE_NAME = "evidence.xlsx";
    /** Rows kept in memory per streaming sheet; older rows are flushed to a temporary file. */
    static final int ROW_WINDOW = 100;

    /**
     * Where POI keeps the streamed rows while a workbook is written (JVM-wide; by default {@code java.io.tmpdir/poifiles},
     * which POI never removes). {@code demo} points it into its own temporary folder, which it deletes at the end.
     */
    public static void temporaryFilesIn(Path folder) {
        TempFile.setTempFileCreationStrategy(new DefaultTempFileCreationStrategy(folder.toFile()));
    }

    @Override
    public String fileName() {
        return FILE_NAME;
    }

    @Override
    public void write(EvidenceReport report, Path folder, OutputStream out) throws IOException {
        // A chart needs an ordinary sheet: the Summary is built in memory first, then the workbook is wrapped
        // for streaming and the large sheets are appended row by row.
        XSSFWorkbook base = new XSSFWorkbook();
        SXSSFWorkbook wb;
        Styles styles;
        try {
            base.getProperties().getCoreProperties().setCreator("rootaudit " + report.run().toolVersion());
            base.getProperties().getCoreProperties().setTitle("Root user audit evidence " + report.run().runId());
            styles = new Styles(base);
            SummarySheet.write(base.createSheet(SummarySheet.NAME), report, styles);
            wb = new SXSSFWorkbook(base, ROW_WINDOW);
        } catch (RuntimeException e) {
            base.close();
            throw e;
        }
        try {
            AccountsSheet.write(wb.createSheet(AccountsSheet.NAME), report, styles);
            FindingsSheet.write(wb.createSheet(FindingsSheet.NAME), report, styles);
            ByOwnerSheet.write(wb.createSheet(ByOwnerSheet.NAME), report, styles);
            ControlsSheet.write(wb.createSheet(ControlsSheet.NAME), report, styles);
            ExceptionsSheet.write(wb.createSheet(ExceptionsSheet.NAME), report, styles);
            OrganizationSheet.write(wb.createSheet(OrganizationSheet.NAME), report, styles);
            ChangesSheet.write(wb.createSheet(ChangesSheet.NAME), report, styles);
            RemediationSheet.write(wb.createSheet(RemediationSheet.NAME), report, styles);
            PrivilegedActionsSheet.write(wb.createSheet(PrivilegedActionsSheet.NAME), report, styles);
            wb.write(out);
        } finally {
            wb.dispose(); // deletes the temporary files of the streamed rows
            wb.close();
        }
    }
}
