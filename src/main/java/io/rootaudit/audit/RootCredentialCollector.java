package io.rootaudit.audit;

import io.rootaudit.audit.RootCredentialInventory.AccessKey;
import io.rootaudit.audit.RootCredentialInventory.CredentialStatus;
import io.rootaudit.audit.RootCredentialInventory.MfaDevice;
import io.rootaudit.audit.RootCredentialInventory.Password;
import io.rootaudit.audit.RootCredentialInventory.SigningCertificate;
import io.rootaudit.aws.RootSession;
import io.rootaudit.aws.RootSessions;
import io.rootaudit.aws.TaskPolicy;
import io.rootaudit.config.RootAuditProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.GetAccessKeyLastUsedResponse;
import software.amazon.awssdk.services.iam.model.GetLoginProfileResponse;
import software.amazon.awssdk.services.iam.model.GetUserResponse;
import software.amazon.awssdk.services.iam.model.IamResponse;
import software.amazon.awssdk.services.iam.model.ListAccessKeysResponse;
import software.amazon.awssdk.services.iam.model.ListMfaDevicesResponse;
import software.amazon.awssdk.services.iam.model.ListSigningCertificatesResponse;

/**
 * The one place that reads a root user's credentials: one AssumeRoot with the IAMAuditRootUserCredentials
 * task, then GetUser, GetLoginProfile, ListAccessKeys (+ GetAccessKeyLastUsed per key),
 * ListSigningCertificates and ListMFADevices, the independent ones in parallel. A failure never escapes:
 * it becomes the account's {@link AuditError}, with any session secret scrubbed from the message.
 */
@Component
public class RootCredentialCollector implements AutoCloseable {

    private static final int PARALLEL_CALLS_PER_ACCOUNT = 5;

    private final RootSessions sessions;
    private final IamClient iam;
    private final Duration sessionDuration;
    private final ExecutorService calls;

    RootCredentialCollector(RootSessions sessions, @Lazy IamClient iam, RootAuditProperties properties) {
        this.sessions = sessions;
        this.iam = iam;
        this.sessionDuration = properties.audit().sessionDuration();
        AtomicInteger n = new AtomicInteger();
        this.calls = Executors.newFixedThreadPool(properties.audit().concurrency() * PARALLEL_CALLS_PER_ACCOUNT, r -> {
            Thread t = new Thread(r, "iam-call-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Audits one member account's root user. Never throws for AWS failures. */
    public CollectionResult collect(String accountId) {
        EvidenceLog evidence = new EvidenceLog();
        try {
            try {
                return new CollectionResult(accountId, collectOnce(accountId, evidence), null, evidence);
            } catch (SessionExpired expired) {
                // The session ran out mid-account (slow calls, throttling): one fresh session finishes the account.
                return new CollectionResult(accountId, collectOnce(accountId, evidence), null, evidence);
            }
        } catch (Failure f) {
            return new CollectionResult(accountId, null, f.error, evidence);
        } catch (RuntimeException e) {
            // An answer the tool cannot interpret (for example an unknown MFA serial format) fails this account only.
            return new CollectionResult(accountId, null, new AuditError("UnexpectedResponse", e.getMessage()), evidence);
        }
    }

    private RootCredentialInventory collectOnce(String accountId, EvidenceLog evidence) {
        RootSession session = assumeRoot(accountId, evidence);
        Calls c = new Calls(session, evidence);
        CompletableFuture<GetUserResponse> user = async(() -> c.call("iam:GetUser", Map.of(),
                () -> iam.getUser(r -> r.overrideConfiguration(session.signing()))));
        CompletableFuture<GetLoginProfileResponse> login = async(() -> c.callAllowingNoSuchEntity("iam:GetLoginProfile",
                () -> iam.getLoginProfile(r -> r.overrideConfiguration(session.signing()))));
        CompletableFuture<List<AccessKey>> keys = async(() -> accessKeys(c, session));
        CompletableFuture<ListSigningCertificatesResponse> certs = async(() -> c.call("iam:ListSigningCertificates", Map.of(),
                () -> iam.listSigningCertificates(r -> r.overrideConfiguration(session.signing()))));
        CompletableFuture<ListMfaDevicesResponse> mfa = async(() -> c.call("iam:ListMFADevices", Map.of(),
                () -> iam.listMFADevices(r -> r.overrideConfiguration(session.signing()))));
        try {
            CompletableFuture.allOf(user, login, keys, certs, mfa).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
        GetUserResponse u = user.join();
        GetLoginProfileResponse lp = login.join();
        Password password = lp == null ? null : new Password(lp.loginProfile().createDate(),
                u.user().passwordLastUsed(), Boolean.TRUE.equals(lp.loginProfile().passwordResetRequired()));
        List<SigningCertificate> certificates = certs.join().certificates().stream()
                .map(s -> new SigningCertificate(s.certificateId(), CredentialStatus.fromAws(s.statusAsString()), s.uploadDate()))
                .toList();
        List<MfaDevice> devices = mfa.join().mfaDevices().stream()
                .map(d -> new MfaDevice(d.serialNumber(), MfaType.fromSerialNumber(d.serialNumber()), d.enableDate()))
                .toList();
        return new RootCredentialInventory(u.user().arn(), u.user().createDate(), password, keys.join(), certificates, devices);
    }

    private List<AccessKey> accessKeys(Calls c, RootSession session) {
        ListAccessKeysResponse list = c.call("iam:ListAccessKeys", Map.of(),
                () -> iam.listAccessKeys(r -> r.overrideConfiguration(session.signing())));
        List<AccessKey> keys = new ArrayList<>();
        for (AccessKeyMetadata k : list.accessKeyMetadata()) {
            GetAccessKeyLastUsedResponse used = c.call("iam:GetAccessKeyLastUsed", Map.of("AccessKeyId", k.accessKeyId()),
                    () -> iam.getAccessKeyLastUsed(r -> r.accessKeyId(k.accessKeyId()).overrideConfiguration(session.signing())));
            var last = used.accessKeyLastUsed();
            Instant lastUsed = last == null ? null : last.lastUsedDate();
            keys.add(new AccessKey(k.accessKeyId(), CredentialStatus.fromAws(k.statusAsString()), k.createDate(), lastUsed,
                    lastUsed == null ? null : last.serviceName(), lastUsed == null ? null : last.region()));
        }
        return keys;
    }

    private RootSession assumeRoot(String accountId, EvidenceLog evidence) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("TargetPrincipal", accountId);
        request.put("TaskPolicyArn", TaskPolicy.AUDIT_ROOT_USER_CREDENTIALS.arn());
        request.put("DurationSeconds", sessionDuration.toSeconds());
        try {
            RootSession session = sessions.open(accountId, TaskPolicy.AUDIT_ROOT_USER_CREDENTIALS, sessionDuration);
            // The response is credentials: only their expiration is evidence.
            evidence.add(new EvidenceLog.Entry("sts:AssumeRoot", Instant.now(), null, request,
                    Map.of("Credentials", Map.of("Expiration", String.valueOf(session.expiration()))), null));
            return session;
        } catch (SdkException e) {
            AuditError error = AuditError.of(e);
            evidence.add(new EvidenceLog.Entry("sts:AssumeRoot", Instant.now(), requestId(e), request, null,
                    Map.of("code", error.code(), "message", String.valueOf(error.message()))));
            throw new Failure(error);
        }
    }

    private <T> CompletableFuture<T> async(Supplier<T> call) {
        return CompletableFuture.supplyAsync(call, calls);
    }

    private static String requestId(SdkException e) {
        return e instanceof AwsServiceException ase ? ase.requestId() : null;
    }

    private static boolean isExpiredToken(AuditError error) {
        return error.code() != null && error.code().startsWith("ExpiredToken");
    }

    @Override
    public void close() {
        calls.shutdownNow();
    }

    /** IAM calls of one session, each recorded in the evidence with secrets redacted from errors. */
    private record Calls(RootSession session, EvidenceLog evidence) {

        <T extends IamResponse> T call(String api, Map<String, Object> request, Supplier<T> call) {
            try {
                T response = call.get();
                evidence.add(new EvidenceLog.Entry(api, Instant.now(), response.responseMetadata().requestId(), request,
                        SdkFields.toMap((SdkPojo) response), null));
                return response;
            } catch (SdkException e) {
                AuditError error = AuditError.of(e).redactedBy(session);
                evidence.add(new EvidenceLog.Entry(api, Instant.now(), requestId(e), request, null,
                        Map.of("code", error.code(), "message", String.valueOf(error.message()))));
                throw isExpiredToken(error) ? new SessionExpired(error) : new Failure(error);
            }
        }

        /** GetLoginProfile answers NoSuchEntity when root has no password: the compliant answer, kept as evidence. */
        GetLoginProfileResponse callAllowingNoSuchEntity(String api, Supplier<GetLoginProfileResponse> call) {
            try {
                return call(api, Map.of(), call);
            } catch (Failure f) {
                if ("NoSuchEntity".equals(f.error.code()) || "NoSuchEntityException".equals(f.error.code())) {
                    return null;
                }
                throw f;
            }
        }
    }

    private static class Failure extends RuntimeException {
        final AuditError error;

        Failure(AuditError error) {
            super(error.code(), null, false, false);
            this.error = error;
        }
    }

    private static final class SessionExpired extends Failure {
        SessionExpired(AuditError error) {
            super(error);
        }
    }
}
