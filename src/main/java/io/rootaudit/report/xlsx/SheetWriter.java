package io.rootaudit.report.xlsx;

import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;

/**
 * Writes a sheet top to bottom, one row after the other (the only order a streaming sheet allows), and
 * gives tables their bold header, frozen header and autofilter.
 */
final class SheetWriter {

    private final Sheet sheet;
    private final Styles styles;
    private int next;

    SheetWriter(Sheet sheet, Styles styles) {
        this.sheet = sheet;
        this.styles = styles;
    }

    /** Fixed column widths, in characters: autosizing would read every row back, too slow for 10,000 rows. */
    SheetWriter widths(int... characters) {
        for (int c = 0; c < characters.length; c++) {
            sheet.setColumnWidth(c, characters[c] * 256);
        }
        return this;
    }

    /** The next row. */
    RowWriter row() {
        return new RowWriter(sheet.createRow(next++), styles);
    }

    /** Leaves a row empty. */
    void gap() {
        next++;
    }

    /** Writes a bold header row and returns its index. */
    int header(String... titles) {
        int index = next;
        RowWriter row = row();
        for (String t : titles) {
            row.styled(t, styles.header);
        }
        return index;
    }

    /** Keeps rows up to {@code headerRow} in view while scrolling. */
    void freezeThrough(int headerRow) {
        sheet.createFreezePane(0, headerRow + 1);
    }

    /** An autofilter over the table whose header is {@code headerRow}, down to the last row written. */
    void filter(int headerRow, int columns) {
        sheet.setAutoFilter(new CellRangeAddress(headerRow, Math.max(headerRow, next - 1), 0, columns - 1));
    }

    /** Index of the row {@link #row()} writes next. */
    int nextRow() {
        return next;
    }
}
