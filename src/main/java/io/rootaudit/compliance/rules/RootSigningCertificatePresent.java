package io.rootaudit.compliance.rules;

import io.rootaudit.audit.RootCredentialInventory;
import io.rootaudit.compliance.AccountRule;
import io.rootaudit.compliance.Finding;
import io.rootaudit.compliance.RuleContext;
import io.rootaudit.compliance.RuleMetadata;
import io.rootaudit.compliance.Severity;
import java.util.List;
import org.springframework.stereotype.Component;

@Component
final class RootSigningCertificatePresent implements AccountRule {

    static final RuleMetadata METADATA = new RuleMetadata(
            "root-signing-certificate-present",
            "Root user has an X.509 signing certificate",
            Severity.MEDIUM,
            "A root signing certificate is a forgotten, long-lived root credential that most scanners ignore;"
                    + " while it exists, root remains usable outside centralized root access, a use CIS asks to"
                    + " eliminate. Inactive certificates are reported too, because root can reactivate them. Once"
                    + " every root credential is removed, MFA is neither possible nor necessary, as CIS v5.0"
                    + " notes; this rule never asks for MFA.",
            "Delete the certificate with rootaudit's remediation (sts:AssumeRoot with the"
                    + " IAMDeleteRootUserCredentials task policy, iam:DeleteSigningCertificate), or in the"
                    + " management account's IAM console: Root access management > select the account > Take"
                    + " privileged action > Delete root user credentials.");

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public List<Finding> evaluate(RootCredentialInventory inventory, RuleContext context) {
        return inventory.signingCertificates().stream()
                .map(cert -> METADATA.finding(
                        "Signing certificate " + cert.certificateId() + " is "
                                + cert.status().name().toLowerCase() + ", uploaded " + Describe.day(cert.uploadedAt()),
                        cert.certificateId()))
                .toList();
    }
}
