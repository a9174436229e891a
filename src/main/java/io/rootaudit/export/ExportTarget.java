package io.rootaudit.export;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Security Hub that findings are imported into: that of the account running the audit, in the configured region.
 * With the default product, Security Hub accepts findings only about the calling account ({@code AwsAccountId}); the
 * member accounts' roots are the findings' resources.
 *
 * @param partition {@code aws}, {@code aws-cn} or {@code aws-us-gov}, from the caller's ARN
 */
record ExportTarget(String partition, String region, String accountId) {

    private static final Pattern ARN = Pattern.compile("arn:(aws(?:-[a-z]+)*):[a-z]+::(\\d{12}):.+");

    /** The target of the caller whose ARN the run recorded, for example {@code arn:aws:sts::111111111111:assumed-role/x/y}. */
    static ExportTarget of(String callerArn, String region) {
        Matcher m = callerArn == null ? null : ARN.matcher(callerArn);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("the run's caller ARN '" + callerArn + "' names no account to import into");
        }
        return new ExportTarget(m.group(1), region, m.group(2));
    }

    /** The account's default product: findings it imports as its own. */
    String productArn() {
        return "arn:" + partition + ":securityhub:" + region + ":" + accountId + ":product/" + accountId + "/default";
    }

    String rootArn(String account) {
        return "arn:" + partition + ":iam::" + account + ":root";
    }

    String organizationArn(String managementAccountId, String organizationId) {
        return "arn:" + partition + ":organizations::" + managementAccountId + ":organization/" + organizationId;
    }
}
