package io.rootaudit.devtools.benchmark;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How long each step of the benchmark's job took, and when the audit step started and ended, read back from the job
 * repository the run left behind: with the invocation's own start and end, they split the job into what comes
 * before the audit step, the audit step, and what follows it.
 */
record StepTimes(Map<String, Double> seconds, Instant auditStart, Instant auditEnd) {

    static final String AUDIT_STEP = "audit";

    /** Step name to seconds (the last execution of each); empty when the database cannot be read. */
    static StepTimes read(Path database) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        Instant auditStart = null;
        Instant auditEnd = null;
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + database.toAbsolutePath() + ";IFEXISTS=TRUE", "sa", "");
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT STEP_NAME, START_TIME, END_TIME FROM BATCH_STEP_EXECUTION "
                     + "WHERE END_TIME IS NOT NULL ORDER BY STEP_EXECUTION_ID")) {
            while (rs.next()) {
                Timestamp start = rs.getTimestamp(2);
                Timestamp end = rs.getTimestamp(3);
                seconds.put(rs.getString(1), (end.getTime() - start.getTime()) / 1000.0);
                if (AUDIT_STEP.equals(rs.getString(1))) {
                    auditStart = start.toInstant();
                    auditEnd = end.toInstant();
                }
            }
        } catch (SQLException e) {
            System.err.println("benchmark: step times unavailable: " + e.getMessage());
        }
        return new StepTimes(seconds, auditStart, auditEnd);
    }
}
