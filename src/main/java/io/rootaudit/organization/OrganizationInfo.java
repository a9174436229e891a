package io.rootaudit.organization;

/** The organization the caller belongs to, from organizations:DescribeOrganization. */
public record OrganizationInfo(String id, String arn, String managementAccountId, String featureSet) {

    public boolean hasAllFeatures() {
        return "ALL".equals(featureSet);
    }
}
