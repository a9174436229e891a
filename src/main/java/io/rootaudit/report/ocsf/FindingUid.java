package io.rootaudit.report.ocsf;

import io.rootaudit.report.Digests;
import java.nio.charset.StandardCharsets;

/**
 * The {@code finding_info.uid} of a record: the same in every run for the same organization, account, rule and
 * credential, so that a SIEM follows one check of one root user from month to month (pass, fail, suppressed). It is
 * the lowercase hex SHA-256 of {@code <organization id>/<account id>/<rule id>}, followed by {@code /<resource>} when
 * the finding names a credential of its own (an access key id, a certificate id, an MFA device's serial), as the trend
 * of the evidence pack keys findings. It carries no run id, so a re-rendered or later pack gives the same uid.
 */
final class FindingUid {

    private FindingUid() {}

    static String of(String organizationId, String accountId, String ruleId, String resource) {
        String key = organizationId + "/" + accountId + "/" + ruleId + (resource == null ? "" : "/" + resource);
        return Digests.sha256(key.getBytes(StandardCharsets.UTF_8));
    }
}
