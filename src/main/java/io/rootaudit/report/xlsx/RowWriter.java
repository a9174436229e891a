package io.rootaudit.report.xlsx;

import io.rootaudit.report.SpreadsheetText;
import io.rootaudit.compliance.AccountStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;

/**
 * Writes the cells of one row left to right. A {@code null} value leaves its cell blank. Text is always a
 * string cell, never a formula; see {@link #text(String)}.
 */
final class RowWriter {

    private final Row row;
    private final Styles styles;
    private int column;

    RowWriter(Row row, Styles styles) {
        this.row = row;
        this.styles = styles;
    }

    /**
     * Untrusted text (anything that came from AWS) as a string cell showing exactly the value (see
     * {@link CellText}), cut only at Excel's length limit. Text that a spreadsheet would read as a formula gets a
     * quote-prefixed style, so Excel keeps it text even when the cell is edited; the value itself gets no
     * apostrophe (that is the CSV's defence).
     */
    RowWriter text(String value) {
        return styled(value, null);
    }

    /** Text with a style, such as a header; formula-like text still gets the quote-prefixed style. */
    RowWriter styled(String value, CellStyle style) {
        if (value == null) {
            return skip();
        }
        Cell cell = row.createCell(column++);
        cell.setCellValue(CellText.of(value));
        CellStyle s = SpreadsheetText.isFormulaLike(value) ? styles.quoted : style;
        if (s != null) {
            cell.setCellStyle(s);
        }
        return this;
    }

    RowWriter label(String value) {
        return styled(value, styles.label);
    }

    RowWriter number(Integer value) {
        return value == null ? skip() : numeric(value, styles.integer);
    }

    /** A rate between 0 and 1 shown as a percentage, or "n/a" when there is none. */
    RowWriter percentOrNa(Double rate) {
        return rate == null ? text("n/a") : numeric(rate, styles.percent);
    }

    /** A difference of two rates (between -1 and 1) in percentage points, or "n/a". */
    RowWriter pointsOrNa(Double change) {
        return change == null ? text("n/a") : numeric(change * 100, styles.points);
    }

    /** An instant as an Excel date-time in UTC (Excel dates have no time zone). */
    RowWriter instant(Instant value) {
        if (value == null) {
            return skip();
        }
        Cell cell = row.createCell(column++);
        cell.setCellValue(LocalDateTime.ofInstant(value, ZoneOffset.UTC));
        cell.setCellStyle(styles.dateTime);
        return this;
    }

    RowWriter date(LocalDate value) {
        if (value == null) {
            return skip();
        }
        Cell cell = row.createCell(column++);
        cell.setCellValue(value);
        cell.setCellStyle(styles.date);
        return this;
    }

    /** The status, filled with its colour. */
    RowWriter status(AccountStatus value) {
        return value == null ? skip() : styled(value.name(), styles.status(value));
    }

    RowWriter yesNo(Boolean value) {
        return value == null ? skip() : text(value ? "Yes" : "No");
    }

    /** The name of an enum constant, or blank. */
    RowWriter name(Enum<?> value) {
        return value == null ? skip() : text(value.name());
    }

    RowWriter skip() {
        column++;
        return this;
    }

    private RowWriter numeric(double value, CellStyle style) {
        Cell cell = row.createCell(column++);
        cell.setCellValue(value);
        cell.setCellStyle(style);
        return this;
    }
}
