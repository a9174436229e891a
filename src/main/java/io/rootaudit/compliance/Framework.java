package io.rootaudit.compliance;

import java.util.List;

/**
 * A control framework that rules map to, as its mapping file under {@code src/main/resources/frameworks/} describes
 * it. Reports group pass/fail per control of each framework.
 *
 * @param id the file's name without {@code .json}, for example {@code cis-aws-v7.0.0}; what
 *     {@code rootaudit.compliance.frameworks} selects
 * @param name for example "CIS AWS Foundations Benchmark"
 * @param version for example "v7.0.0"; {@code null} for a framework without versions (Security Hub CSPM)
 * @param label the short prefix of control labels, for example "CIS v7.0" in "CIS v7.0 2.1.1"
 * @param sources where the control numbers, titles and related requirements were taken from
 * @param note what the mapping does not cover, or how to read it; may be {@code null}
 */
public record Framework(String id, String name, String version, String label, List<Source> sources, String note) {

    public Framework {
        sources = List.copyOf(sources);
    }

    /** Name and version, for example "CIS AWS Foundations Benchmark v7.0.0". */
    public String title() {
        return version == null ? name : name + " " + version;
    }

    /**
     * A document the mapping was taken from.
     *
     * @param url where to read it; {@code null} when it has no single address
     * @param used what was taken from it, and what could not be checked against it
     */
    public record Source(String title, String url, String used) {}
}
