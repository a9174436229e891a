package io.rootaudit.report.xlsx;

import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;

/**
 * Writes a sheet top to bottom, one row after the other (the only order a streaming sheet allows), and
 * gives tables their bold header, frozen header and autofilter. Every sheet prints one page wide, as many
 * pages long as it takes, with its name and the page number in the footer.
 */
final class SheetWriter {

    /** About what a portrait A4 or Letter page holds at 100 %, in characters: wider sheets print landscape. */
    static final int PORTRAIT_CHARACTERS = 90;

    private final Sheet sheet;
    private final Styles styles;
    private int next;

    SheetWriter(Sheet sheet, Styles styles) {
        this.sheet = sheet;
        this.styles = styles;
        sheet.setFitToPage(true);
        sheet.getPrintSetup().setFitWidth((short) 1);
        sheet.getPrintSetup().setFitHeight((short) 0); // 0: as many pages long as needed
        sheet.getFooter().setLeft("&A"); // the sheet's name
        sheet.getFooter().setRight("Page &P of &N");
    }

    /**
     * Fixed column widths, in characters: autosizing would read every row back, too slow for 10,000 rows. A sheet
     * wider than a portrait page prints landscape, so that fitting it to one page wide shrinks it less.
     */
    SheetWriter widths(int... characters) {
        int total = 0;
        for (int c = 0; c < characters.length; c++) {
            sheet.setColumnWidth(c, characters[c] * 256);
            total += characters[c];
        }
        sheet.getPrintSetup().setLandscape(total > PORTRAIT_CHARACTERS);
        return printColumns(characters.length);
    }

    /**
     * Prints the first {@code count} columns: long text in the last one runs on to the right on screen, and a
     * print area that followed it would shrink the whole page to fit that text in.
     */
    SheetWriter printColumns(int count) {
        Workbook wb = sheet.getWorkbook();
        wb.setPrintArea(wb.getSheetIndex(sheet), "$A:$" + CellReference.convertNumToColString(count - 1));
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

    /** Keeps rows up to {@code headerRow} in view while scrolling, and at the top of every printed page. */
    void freezeThrough(int headerRow) {
        sheet.createFreezePane(0, headerRow + 1);
        repeatThrough(headerRow);
    }

    /** Prints rows up to {@code lastRow} at the top of every page. */
    void repeatThrough(int lastRow) {
        sheet.setRepeatingRows(new CellRangeAddress(0, lastRow, -1, -1));
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
