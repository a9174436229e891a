package io.rootaudit.compliance;

/** One control of a framework, for example CIS v5.0 1.3 or Security Hub IAM.4. */
public record Control(Framework framework, String id) {

    public static Control cisV3(String id) {
        return new Control(Framework.CIS_AWS_V3, id);
    }

    public static Control cisV5(String id) {
        return new Control(Framework.CIS_AWS_V5, id);
    }

    public static Control cisV7(String id) {
        return new Control(Framework.CIS_AWS_V7, id);
    }

    public static Control securityHub(String id) {
        return new Control(Framework.SECURITY_HUB, id);
    }

    /** Human label such as "CIS v5.0 1.3" or "Security Hub IAM.4". */
    public String label() {
        return framework.shortName() + " " + id;
    }
}
