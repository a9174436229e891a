package io.rootaudit.audit;

import io.rootaudit.aws.AwsClients;
import io.rootaudit.audit.RootCredentialInventory.AccessKey;
import io.rootaudit.audit.RootCredentialInventory.CredentialStatus;
import io.rootaudit.audit.RootCredentialInventory.MfaDevice;
import io.rootaudit.audit.RootCredentialInventory.Password;
import io.rootaudit.audit.RootCredentialInventory.SigningCertificate;
import io.rootaudit.aws.ManagementAccountRole;
import io.rootaudit.config.RootAuditProperties;
import io.rootaudit.organization.AdditionalPrerequisites;
import io.rootaudit.organization.PrerequisiteCheck;
import io.rootaudit.organization.PreflightReport.CallerRole;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AssignmentStatusType;
import software.amazon.awssdk.services.iam.model.GenerateCredentialReportResponse;
import software.amazon.awssdk.services.iam.model.GetAccountSummaryResponse;
import software.amazon.awssdk.services.iam.model.GetCredentialReportResponse;
import software.amazon.awssdk.services.iam.model.IamResponse;
import software.amazon.awssdk.services.iam.model.ListVirtualMfaDevicesResponse;
import software.amazon.awssdk.services.iam.model.ReportStateType;
import software.amazon.awssdk.services.iam.model.SummaryKeyType;
import software.amazon.awssdk.services.iam.model.VirtualMFADevice;

/**
 * The one place that reads the management account's root user, which sts:AssumeRoot cannot reach: from inside the
 * management account (the caller's own credentials, or a session in {@code rootaudit.management-account.role-arn}),
 * iam:GetAccountSummary says which kinds of root credential exist, the credential report's {@code <root_account>} row
 * gives their state and last use, and iam:ListVirtualMFADevices tells a virtual device (assigned to the root ARN) from
 * a hardware or FIDO one, which these APIs do not tell apart ({@link MfaType#NON_VIRTUAL}). Every call, and when the
 * report was generated, is evidence; a failure becomes the account's {@link AuditError}, never an exception.
 */
@Component
public class ManagementRootCollector implements AdditionalPrerequisites {

    static final String CHECK_ID = "management-root";
    static final String CHECK_TITLE = "Management account root readable";

    private static final Duration FIRST_POLL = Duration.ofMillis(500);
    private static final Duration MAX_POLL = Duration.ofSeconds(5);

    private final Supplier<IamClient> iam;
    private final ManagementAccountRole role;
    private final Duration reportTimeout;

    ManagementRootCollector(AwsClients clients, ManagementAccountRole role, RootAuditProperties properties) {
        this.iam = clients::iam;
        this.role = role;
        this.reportTimeout = properties.managementAccount().credentialReportTimeout();
    }

    /**
     * Reads the management account's root.
     *
     * @param viaRole true to read through the configured role (from the delegated administrator), false to read with
     *     the caller's own credentials (rootaudit runs in the management account)
     */
    public CollectionResult collect(String accountId, boolean viaRole) {
        EvidenceLog evidence = new EvidenceLog();
        try {
            Reads reads = new Reads(evidence, viaRole ? assumeRole(evidence) : null);
            return new CollectionResult(accountId, read(accountId, reads), null, evidence);
        } catch (Failure f) {
            return new CollectionResult(accountId, null, f.error, evidence);
        } catch (RuntimeException e) {
            // An answer that is not what IAM documents (a report without a root row, a malformed date): this account only.
            return new CollectionResult(accountId, null, new AuditError("UnexpectedResponse", e.getMessage()), evidence);
        }
    }

    /**
     * Whether the management account's root can be read the way the audit will read it: with the caller's own
     * credentials in the management account, else through the configured role (assumed here). Reads
     * iam:GetAccountSummary and one page of iam:ListVirtualMFADevices; it does not start a credential report. From
     * the delegated administrator without a role, a warning says that the management root will not be assessed.
     */
    @Override
    public List<PrerequisiteCheck> check(CallerRole callerRole) {
        boolean inManagement = callerRole == CallerRole.MANAGEMENT_ACCOUNT;
        if (!inManagement && callerRole != CallerRole.DELEGATED_ADMINISTRATOR) {
            return List.of();
        }
        if (!inManagement && !role.configured()) {
            return List.of(AdditionalPrerequisites.warning(CHECK_ID, CHECK_TITLE, "the management account's root will "
                    + "not be assessed: rootaudit runs in the IAM delegated administrator and "
                    + "rootaudit.management-account.role-arn is not set",
                    "set rootaudit.management-account.role-arn to a role in the management account made with "
                            + "config/iam-policy-management-root.json and config/iam-trust-policy-management-root.json"));
        }
        String how = inManagement ? "the caller's own credentials" : "role " + role.roleArn();
        String fix = inManagement ? "add config/iam-policy-management-root.json to the caller's policy"
                : "create the role in the management account with config/iam-policy-management-root.json as its policy"
                        + " and config/iam-trust-policy-management-root.json (naming this caller) as its trust policy,"
                        + " and allow sts:AssumeRole on it (config/iam-policy-audit.json)";
        try {
            Reads reads = new Reads(new EvidenceLog(), inManagement ? null : assumeRole(new EvidenceLog()));
            reads.call("iam:GetAccountSummary", Map.of(), o -> iam.get().getAccountSummary(r -> r.overrideConfiguration(o)),
                    Reads::all);
            reads.call("iam:ListVirtualMFADevices", Map.of(), o -> iam.get().listVirtualMFADevices(r -> r.maxItems(1)
                    .overrideConfiguration(o)), Reads::all);
            return List.of(AdditionalPrerequisites.passed(CHECK_ID, CHECK_TITLE, "iam:GetAccountSummary and "
                    + "iam:ListVirtualMFADevices answered, with " + how));
        } catch (Failure f) {
            return List.of(AdditionalPrerequisites.failed(CHECK_ID, CHECK_TITLE, "with " + how + ": " + f.error.code()
                    + ": " + f.error.message(), fix));
        }
    }

    private RootCredentialInventory read(String accountId, Reads reads) {
        GetAccountSummaryResponse summary = reads.call("iam:GetAccountSummary", Map.of(),
                o -> iam.get().getAccountSummary(r -> r.overrideConfiguration(o)), Reads::all);
        CredentialReport report = credentialReport(reads);
        List<VirtualMFADevice> virtual = rootVirtualDevices(reads, report.row().arn());
        return inventory(accountId, summary.summaryMapAsStrings(), report.row(), virtual);
    }

    /**
     * The inventory from the three reads. The credential report may be up to four hours old (IAM regenerates it no more
     * often), so a summary that disagrees with it is an error that says so, not a guess.
     */
    static RootCredentialInventory inventory(String accountId, Map<String, Integer> summary,
                                             CredentialReportRootRow row, List<VirtualMFADevice> virtualDevices) {
        Integer passwordPresent = summary.get(SummaryKeyType.ACCOUNT_PASSWORD_PRESENT.toString());
        // AccountPasswordPresent is in current IAM models; without it, a recorded password use is the only sign.
        boolean hasPassword = passwordPresent != null ? passwordPresent > 0 : row.passwordLastUsed() != null;
        Password password = hasPassword ? new Password(null, row.passwordLastUsed(), false) : null;
        List<AccessKey> keys = row.accessKeys().stream()
                .map(k -> new AccessKey(k.slot(), k.active() ? CredentialStatus.ACTIVE : CredentialStatus.INACTIVE,
                        k.lastRotated(), k.lastUsed(), k.lastUsedService(), k.lastUsedRegion()))
                .toList();
        List<SigningCertificate> certificates = row.certificates().stream()
                .map(c -> new SigningCertificate(c.slot(), c.active() ? CredentialStatus.ACTIVE : CredentialStatus.INACTIVE,
                        c.lastRotated()))
                .toList();
        boolean mfaEnabled = flag(summary, SummaryKeyType.ACCOUNT_MFA_ENABLED);
        List<MfaDevice> devices = new ArrayList<>();
        virtualDevices.forEach(d -> devices.add(new MfaDevice(d.serialNumber(), MfaType.VIRTUAL, d.enableDate())));
        if ((row.mfaActive() || mfaEnabled) && devices.isEmpty()) {
            devices.add(new MfaDevice(null, MfaType.NON_VIRTUAL, null));
        }
        requireAgreement(accountId, "AccountAccessKeysPresent", flag(summary, SummaryKeyType.ACCOUNT_ACCESS_KEYS_PRESENT),
                !keys.isEmpty());
        requireAgreement(accountId, "AccountSigningCertificatesPresent",
                flag(summary, SummaryKeyType.ACCOUNT_SIGNING_CERTIFICATES_PRESENT), !certificates.isEmpty());
        requireAgreement(accountId, "AccountMFAEnabled", mfaEnabled, row.mfaActive());
        return new RootCredentialInventory(row.arn(), row.userCreationTime(), password, keys, certificates, devices);
    }

    private static boolean flag(Map<String, Integer> summary, SummaryKeyType key) {
        Integer value = summary.get(key.toString());
        return value != null && value > 0;
    }

    private static void requireAgreement(String accountId, String summaryKey, boolean summary, boolean report) {
        if (summary != report) {
            throw new Failure(new AuditError("StaleCredentialReport", "iam:GetAccountSummary says " + summaryKey + "="
                    + (summary ? 1 : 0) + " for the root of " + accountId + " but the credential report says otherwise;"
                    + " the report is regenerated at most every 4 hours: run the audit again after that"));
        }
    }

    private record CredentialReport(CredentialReportRootRow row, Instant generatedAt) {}

    /** GenerateCredentialReport until COMPLETE (with backoff, up to the configured time), then GetCredentialReport. */
    private CredentialReport credentialReport(Reads reads) {
        Instant deadline = Instant.now().plus(reportTimeout);
        Duration pause = FIRST_POLL;
        while (true) {
            GenerateCredentialReportResponse generated = reads.call("iam:GenerateCredentialReport", Map.of(),
                    o -> iam.get().generateCredentialReport(r -> r.overrideConfiguration(o)), Reads::all);
            if (generated.state() == ReportStateType.COMPLETE) {
                break;
            }
            if (Instant.now().plus(pause).isAfter(deadline)) {
                throw new Failure(new AuditError("CredentialReportTimeout", "iam:GenerateCredentialReport did not answer "
                        + "COMPLETE within " + reportTimeout + " (rootaudit.management-account.credential-report-timeout)"));
            }
            sleep(pause);
            pause = pause.multipliedBy(2).compareTo(MAX_POLL) > 0 ? MAX_POLL : pause.multipliedBy(2);
        }
        CredentialReportRootRow[] row = new CredentialReportRootRow[1];
        GetCredentialReportResponse report = reads.call("iam:GetCredentialReport", Map.of(),
                o -> iam.get().getCredentialReport(r -> r.overrideConfiguration(o)), response -> {
                    // Evidence keeps the root's row only: the other rows are the account's IAM users, not the audit's.
                    row[0] = CredentialReportRootRow.parse(response.content().asString(StandardCharsets.UTF_8));
                    Map<String, Object> kept = new LinkedHashMap<>();
                    kept.put("GeneratedTime", String.valueOf(response.generatedTime()));
                    kept.put("ReportFormat", response.reportFormatAsString());
                    kept.put("RootAccountRow", row[0].columns());
                    return kept;
                });
        return new CredentialReport(row[0], report.generatedTime());
    }

    /** The assigned virtual MFA devices whose user is the root ARN, every page read. */
    private List<VirtualMFADevice> rootVirtualDevices(Reads reads, String rootArn) {
        List<VirtualMFADevice> root = new ArrayList<>();
        String marker = null;
        do {
            String page = marker;
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("AssignmentStatus", "Assigned");
            if (page != null) {
                request.put("Marker", page);
            }
            ListVirtualMfaDevicesResponse response = reads.call("iam:ListVirtualMFADevices", request,
                    o -> iam.get().listVirtualMFADevices(r -> r.assignmentStatus(AssignmentStatusType.ASSIGNED).marker(page)
                            .overrideConfiguration(o)),
                    listed -> {
                        // Evidence keeps the root's devices only (the others are IAM users'), and how many were listed.
                        Map<String, Object> kept = new LinkedHashMap<>();
                        kept.put("DevicesListed", listed.virtualMFADevices().size());
                        kept.put("RootDevices", listed.virtualMFADevices().stream()
                                .filter(d -> d.user() != null && rootArn.equals(d.user().arn()))
                                .map(d -> SdkFields.toMap(d)).toList());
                        kept.put("IsTruncated", listed.isTruncated());
                        return kept;
                    });
            response.virtualMFADevices().stream()
                    .filter(d -> d.user() != null && rootArn.equals(d.user().arn()))
                    .forEach(root::add);
            marker = Boolean.TRUE.equals(response.isTruncated()) ? response.marker() : null;
        } while (marker != null);
        return root;
    }

    private ManagementAccountRole.Session assumeRole(EvidenceLog evidence) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("RoleArn", role.roleArn());
        request.put("RoleSessionName", ManagementAccountRole.SESSION_NAME);
        try {
            ManagementAccountRole.Session session = role.assume();
            // The response is credentials: only the assumed role and the expiration are evidence.
            Map<String, Object> response = new LinkedHashMap<>();
            response.put("AssumedRoleUser", Map.of("Arn", String.valueOf(session.assumedRoleArn())));
            response.put("Credentials", Map.of("Expiration", String.valueOf(session.expiration())));
            evidence.add(new EvidenceLog.Entry("sts:AssumeRole", Instant.now(), null, request, response, null));
            return session;
        } catch (SdkException e) {
            AuditError error = AuditError.of(e);
            evidence.add(new EvidenceLog.Entry("sts:AssumeRole", Instant.now(), requestId(e), request, null,
                    Map.of("code", error.code(), "message", String.valueOf(error.message()))));
            throw new Failure(new AuditError(error.code(), error.message() + " (assuming rootaudit.management-account"
                    + ".role-arn " + role.roleArn() + "; see config/iam-trust-policy-management-root.json)"));
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure(new AuditError("Interrupted", "interrupted while waiting for the credential report"));
        }
    }

    private static String requestId(SdkException e) {
        return e instanceof AwsServiceException ase ? ase.requestId() : null;
    }

    /** IAM calls signed with the role's session, or with the caller's own credentials; each recorded as evidence. */
    private record Reads(EvidenceLog evidence, ManagementAccountRole.Session session) {

        /**
         * @param keep what of the response's fields is evidence (all of them, or a part)
         */
        <T extends IamResponse> T call(String api, Map<String, Object> request,
                                       Function<Consumer<AwsRequestOverrideConfiguration.Builder>, T> call,
                                       Function<T, Map<String, Object>> keep) {
            Consumer<AwsRequestOverrideConfiguration.Builder> signing = session == null ? o -> {} : session.signing();
            T response;
            try {
                response = call.apply(signing);
            } catch (SdkException e) {
                AuditError error = AuditError.of(e);
                String message = session == null ? error.message() : session.redact(error.message());
                evidence.add(new EvidenceLog.Entry(api, Instant.now(), requestId(e), request, null,
                        Map.of("code", error.code(), "message", String.valueOf(message))));
                throw new Failure(new AuditError(error.code(), message));
            }
            evidence.add(new EvidenceLog.Entry(api, Instant.now(), response.responseMetadata().requestId(), request,
                    keep.apply(response), null));
            return response;
        }

        /** Every field of a response as evidence. */
        static Map<String, Object> all(IamResponse response) {
            return SdkFields.toMap((SdkPojo) response);
        }
    }

    private static final class Failure extends RuntimeException {
        final AuditError error;

        Failure(AuditError error) {
            super(error.code() + ": " + error.message(), null, false, false);
            this.error = error;
        }
    }
}
