package io.rootaudit.report.ocsf;

import java.util.List;
import java.util.Map;

/**
 * One OCSF 1.6.0 Compliance Finding (class_uid 2003) as findings.ocsf.json holds it: the verdict of one rule for one
 * account's root user. Components are written in snake_case and left out when {@code null}, as OCSF consumers expect
 * (see {@link OcsfFindingsWriter}); only attributes of the 1.6.0 class and its objects are used, so that every record
 * validates against the schema derived from the OCSF sources in the tests.
 *
 * @param time when the account was audited (the run's end when unknown), milliseconds since the epoch
 * @param statusId workflow status of the finding: 1 New, 3 Suppressed (covered by an exception), 4 Resolved (a pass)
 * @param comment for a suppressed finding, the exception that covers it
 * @param unmapped rootaudit's own values with no OCSF attribute (run, account status, owner, exception ticket, ...)
 */
record ComplianceFinding(int activityId, String activityName, int categoryUid, String categoryName, int classUid,
                         String className, long typeUid, String typeName, int severityId, String severity, int statusId,
                         String status, long time, String message, Metadata metadata, FindingInfo findingInfo,
                         Compliance compliance, Cloud cloud, List<Resource> resources, Remediation remediation,
                         String comment, Map<String, Object> unmapped) {

    /** @param profiles the profiles applied: {@code cloud}, which makes {@link Cloud} required */
    record Metadata(String version, Product product, List<String> profiles, String tenantUid) {}

    record Product(String name, String vendorName, String version) {}

    /**
     * @param uid stable across runs for the same organization, account, rule and credential ({@link FindingUid})
     * @param analytic the rootaudit rule that made the verdict
     */
    record FindingInfo(String uid, String title, String desc, Analytic analytic) {}

    /** @param typeId 1 Rule */
    record Analytic(String uid, String name, int typeId, String type) {}

    /**
     * @param control the rootaudit rule id, the check that was run
     * @param standards the frameworks whose controls the rule gives evidence for, such as "CIS AWS Foundations
     *     Benchmark v7.0.0"
     * @param requirements the controls' labels, such as "CIS v7.0 2.4"
     * @param checks one per mapped control: its id, title, framework and this verdict
     * @param statusId 0 Unknown (the account could not be audited), 1 Pass or 3 Fail
     * @param statusCode the AWS error code of an account that could not be audited
     * @param statusDetail the AWS error message, or what was found
     */
    record Compliance(String control, List<String> standards, List<String> requirements, List<Check> checks,
                      int statusId, String status, String statusCode, String statusDetail, String desc) {}

    record Check(String uid, String name, List<String> standards, int statusId, String status) {}

    /** @param org the organization ({@code uid} its id) and the account's organizational unit path */
    record Cloud(String provider, Account account, Org org, String region, String cloudPartition) {}

    /** @param typeId 10 AWS Account */
    record Account(String uid, String name, int typeId, String type, List<String> labels) {}

    record Org(String uid, String ouName) {}

    /** The audited root user: {@code uid} is its ARN; {@code roleId} 1 Target. */
    record Resource(String uid, String name, String type, String cloudPartition, int roleId, String role) {}

    record Remediation(String desc) {}
}
