package io.rootaudit.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * How every table of the store writes and reads its shared kinds of value, so that they are written one way: instants
 * as {@code TIMESTAMP WITH TIME ZONE} in UTC (the same on H2 and PostgreSQL, whatever the JVM's zone), and free texts
 * (reasons, details, error messages) cut to fit their {@code VARCHAR(4000)} columns instead of failing the write.
 */
public final class Columns {

    /** The length of the store's free-text columns. */
    public static final int MAX_TEXT = 4000;

    private Columns() {}

    /** An instant as a UTC timestamp parameter; {@code null} stays {@code null}. */
    public static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** A {@code TIMESTAMP WITH TIME ZONE} column as an instant, or {@code null}. */
    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /** The text cut to {@link #MAX_TEXT} characters, its last one an ellipsis when cut. */
    public static String clip(String text) {
        return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…";
    }
}
