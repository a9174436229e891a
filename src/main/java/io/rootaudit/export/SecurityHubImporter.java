package io.rootaudit.export;

import io.rootaudit.aws.AwsClients;
import io.rootaudit.aws.AwsRegion;
import io.rootaudit.aws.SdkPojos;
import io.rootaudit.config.RootAuditProperties;
import io.rootaudit.organization.AdditionalPrerequisites;
import io.rootaudit.organization.PrerequisiteCheck;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;
import software.amazon.awssdk.services.securityhub.model.BatchImportFindingsResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one place that talks to AWS Security Hub: checks in preflight that the hub is enabled (DescribeHub) and imports
 * findings (BatchImportFindings), one call at a time, answering which findings the call refused and why.
 */
@Component
class SecurityHubImporter implements AdditionalPrerequisites {

    static final String CHECK = "security-hub";
    private static final String TITLE = "Security Hub enabled for the findings export";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Supplier<SecurityHubClient> hub;
    private final AwsRegion region;
    private final boolean enabled;

    SecurityHubImporter(AwsClients clients, AwsRegion region, RootAuditProperties properties) {
        this.hub = clients::securityHub;
        this.region = region;
        this.enabled = properties.export().securityHub().enabled();
    }

    boolean enabled() {
        return enabled;
    }

    String region() {
        return region.resolve().id();
    }

    @Override
    public List<PrerequisiteCheck> check() {
        if (!enabled) {
            return List.of();
        }
        try {
            String arn = hub.get().describeHub(d -> { }).hubArn();
            return List.of(AdditionalPrerequisites.passed(CHECK, TITLE, arn));
        } catch (SdkException e) {
            return List.of(AdditionalPrerequisites.failed(CHECK, TITLE, region() + ": " + describe(e), e,
                    "enable Security Hub CSPM in " + region() + " (aws securityhub enable-security-hub --region "
                            + region() + ") and allow securityhub:DescribeHub (config/iam-policy-security-hub-export.json),"
                            + " or set rootaudit.export.security-hub.enabled=false"));
        }
    }

    /**
     * One BatchImportFindings call.
     *
     * @return the findings it refused, with AWS's error code and message
     * @throws ImportFailedException when the call itself failed (after the client's retries)
     */
    List<ExportReport.Failure> importFindings(List<AwsSecurityFinding> findings) {
        try {
            BatchImportFindingsResponse response = hub.get().batchImportFindings(b -> b.findings(findings));
            return response.failedFindings().stream()
                    .map(f -> new ExportReport.Failure(f.id(), f.errorCode(), f.errorMessage())).toList();
        } catch (SdkException e) {
            throw new ImportFailedException(e instanceof AwsServiceException ase && ase.awsErrorDetails() != null
                    ? ase.awsErrorDetails().errorCode() : e.getClass().getSimpleName(), describe(e), e);
        }
    }

    /** A finding's size as BatchImportFindings carries it: its JSON, with AWS's member names. */
    static long bytes(AwsSecurityFinding finding) {
        return JSON.writeValueAsBytes(SdkPojos.toMap(finding, name -> true)).length;
    }

    private static String describe(SdkException e) {
        if (e instanceof AwsServiceException ase && ase.awsErrorDetails() != null) {
            return ase.awsErrorDetails().errorCode() + ": " + ase.awsErrorDetails().errorMessage();
        }
        return e.getMessage();
    }

    /** A BatchImportFindings call failed as a whole. */
    static final class ImportFailedException extends RuntimeException {
        private final String code;

        ImportFailedException(String code, String message, Throwable cause) {
            super(message, cause);
            this.code = code;
        }

        String code() {
            return code;
        }
    }
}
