package io.rootaudit.compliance;

/** A control framework that rules map to. Reports group pass/fail per control of each framework. */
public enum Framework {
    CIS_AWS_V3("CIS AWS Foundations Benchmark v3.0.0", "CIS v3.0"),
    CIS_AWS_V5("CIS AWS Foundations Benchmark v5.0.0", "CIS v5.0"),
    CIS_AWS_V7("CIS AWS Foundations Benchmark v7.0.0", "CIS v7.0"),
    SECURITY_HUB("AWS Security Hub CSPM", "Security Hub");

    private final String title;
    private final String shortName;

    Framework(String title, String shortName) {
        this.title = title;
        this.shortName = shortName;
    }

    public String title() {
        return title;
    }

    public String shortName() {
        return shortName;
    }
}
