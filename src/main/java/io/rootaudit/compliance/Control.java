package io.rootaudit.compliance;

/**
 * One control of a framework, for example CIS v7.0 2.4 or Security Hub IAM.4.
 *
 * @param id the framework's own number, for example "2.4", "IAM.4" or "AC-2(1)"
 * @param title the framework's wording, for example "Ensure no 'root' user account access key exists"
 */
public record Control(Framework framework, String id, String title) {

    /** Human label such as "CIS v7.0 2.4" or "Security Hub IAM.4". */
    public String label() {
        return framework.label() + " " + id;
    }
}
