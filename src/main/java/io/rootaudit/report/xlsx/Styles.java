package io.rootaudit.report.xlsx;

import io.rootaudit.compliance.AccountStatus;
import java.util.EnumMap;
import java.util.Map;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFColor;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The workbook's few cell styles, created once: Excel allows about 64,000 styles per workbook, so styles are
 * shared by every cell that looks alike, never created per cell.
 */
final class Styles {

    /** Section titles of the Summary sheet. */
    final CellStyle title;
    /** Column headers: bold on a grey fill. */
    final CellStyle header;
    /** Row labels of key/value blocks. */
    final CellStyle label;
    /** Text that a spreadsheet would read as a formula: shown and kept as text, even when the cell is edited. */
    final CellStyle quoted;
    /** An instant, shown in UTC. */
    final CellStyle dateTime;
    final CellStyle date;
    final CellStyle integer;
    /** A rate between 0 and 1, shown as a percentage. */
    final CellStyle percent;
    /** A difference of two rates, stored in percentage points. */
    final CellStyle points;
    private final Map<AccountStatus, CellStyle> status = new EnumMap<>(AccountStatus.class);

    /** The colour of each account status, as RGB: its cells' fill and its bar in the Summary chart. */
    private static final Map<AccountStatus, byte[]> STATUS_COLORS = new EnumMap<>(Map.of(
            AccountStatus.COMPLIANT, rgb(0xC6, 0xEF, 0xCE),       // green
            AccountStatus.NON_COMPLIANT, rgb(0xFF, 0xC7, 0xCE),   // red
            AccountStatus.EXCEPTED, rgb(0xFF, 0xEB, 0x9C),        // amber
            AccountStatus.ERROR, rgb(0xF8, 0xCB, 0xAD),           // orange
            AccountStatus.NOT_APPLICABLE, rgb(0xD9, 0xD9, 0xD9),  // grey
            AccountStatus.SKIPPED, rgb(0xD9, 0xD9, 0xD9)));

    Styles(XSSFWorkbook wb) {
        Font bold = wb.createFont();
        bold.setBold(true);
        Font big = wb.createFont();
        big.setBold(true);
        big.setFontHeightInPoints((short) 14);

        title = wb.createCellStyle();
        title.setFont(big);
        header = wb.createCellStyle();
        header.setFont(bold);
        header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
        header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        header.setBorderBottom(BorderStyle.THIN);
        label = wb.createCellStyle();
        label.setFont(bold);
        quoted = wb.createCellStyle();
        quoted.setQuotePrefixed(true);

        var format = wb.createDataFormat();
        dateTime = numeric(wb, format.getFormat("yyyy-mm-dd hh:mm:ss"));
        date = numeric(wb, format.getFormat("yyyy-mm-dd"));
        integer = numeric(wb, format.getFormat("0"));
        percent = numeric(wb, format.getFormat("0.0%"));
        points = numeric(wb, format.getFormat("+0.0\" pp\";-0.0\" pp\";0.0\" pp\""));

        STATUS_COLORS.forEach((s, color) -> status.put(s, fill(wb, color)));
    }

    /** The fill of an account status cell. */
    CellStyle status(AccountStatus s) {
        return status.get(s);
    }

    /** The RGB colour of an account status, the same as its cells' fill. */
    static byte[] statusColor(AccountStatus s) {
        return STATUS_COLORS.get(s).clone();
    }

    private static CellStyle numeric(XSSFWorkbook wb, short dataFormat) {
        CellStyle s = wb.createCellStyle();
        s.setDataFormat(dataFormat);
        return s;
    }

    private static byte[] rgb(int r, int g, int b) {
        return new byte[] {(byte) r, (byte) g, (byte) b};
    }

    private static CellStyle fill(XSSFWorkbook wb, byte[] rgb) {
        XSSFCellStyle s = wb.createCellStyle();
        s.setFillForegroundColor(new XSSFColor(rgb, null));
        s.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        return s;
    }
}
