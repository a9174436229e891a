package io.rootaudit.report.ocsf;

import io.rootaudit.compliance.Severity;

/** OCSF's {@code severity_id} and its caption for a rule's {@link Severity}; a pass is Informational. */
enum OcsfSeverity {
    INFORMATIONAL(1, "Informational"),
    LOW(2, "Low"),
    MEDIUM(3, "Medium"),
    HIGH(4, "High"),
    CRITICAL(5, "Critical");

    final int id;
    final String caption;

    OcsfSeverity(int id, String caption) {
        this.id = id;
        this.caption = caption;
    }

    static OcsfSeverity of(Severity severity) {
        return severity == null ? INFORMATIONAL : valueOf(severity.name());
    }
}
