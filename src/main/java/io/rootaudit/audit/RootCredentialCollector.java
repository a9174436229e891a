package io.rootaudit.audit;

import io.rootaudit.aws.AwsClients;
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
import java.util.function.Function;
import java.util.function.Supplier;
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
 * ListSigningCertificates and ListMFADevices, the independent ones in parallel, renewing the session when it
 * runs out. A failure never escapes:
 * it becomes the account's {@link AuditError}, with any session secret scrubbed from the message.
 */
@Component
public class RootCredentialCollector implements AutoCloseable {

    private static final int PARALLEL_CALLS_PER_ACCOUNT = 5;
    private static final int MAX_SESSIONS_PER_ACCOUNT = 5;

    private final RootSessions sessions;
    private final Supplier<IamClient> iam;
    private final Duration sessionDuration;
    private final ExecutorService calls;

    RootCredentialCollector(RootSessions sessions, AwsClients clients, RootAuditProperties properties) {
        this.sessions = sessions;
        this.iam = clients::iam;
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
            return new CollectionResult(accountId, collect(new Session(accountId, evidence), evidence), null, evidence);
        } catch (Failure f) {
            return new CollectionResult(accountId, null, f.error, evidence);
        } catch (RuntimeException e) {
            // An answer the tool cannot interpret (for example an unknown MFA serial format) fails this account only.
            return new CollectionResult(accountId, null, new AuditError("UnexpectedResponse", e.getMessage()), evidence);
        }
    }

    private RootCredentialInventory collect(Session session, EvidenceLog evidence) {
        Calls c = new Calls(session, evidence);
        CompletableFuture<GetUserResponse> user = async(() -> c.call("iam:GetUser", Map.of(),
                s -> iam.get().getUser(r -> r.overrideConfiguration(s.signing()))));
        CompletableFuture<GetLoginProfileResponse> login = async(() -> c.callAllowingNoSuchEntity("iam:GetLoginProfile",
                s -> iam.get().getLoginProfile(r -> r.overrideConfiguration(s.signing()))));
        CompletableFuture<List<AccessKey>> keys = async(() -> accessKeys(c));
        CompletableFuture<ListSigningCertificatesResponse> certs = async(() -> c.call("iam:ListSigningCertificates", Map.of(),
                s -> iam.get().listSigningCertificates(r -> r.overrideConfiguration(s.signing()))));
        CompletableFuture<ListMfaDevicesResponse> mfa = async(() -> c.call("iam:ListMFADevices", Map.of(),
                s -> iam.get().listMFADevices(r -> r.overrideConfiguration(s.signing()))));
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
                .map(x -> new SigningCertificate(x.certificateId(), CredentialStatus.fromAws(x.statusAsString()), x.uploadDate()))
                .toList();
        List<MfaDevice> devices = mfa.join().mfaDevices().stream()
                .map(d -> new MfaDevice(d.serialNumber(), MfaType.fromSerialNumber(d.serialNumber()), d.enableDate()))
                .toList();
        return new RootCredentialInventory(u.user().arn(), u.user().createDate(), password, keys.join(), certificates, devices);
    }

    private List<AccessKey> accessKeys(Calls c) {
        ListAccessKeysResponse list = c.call("iam:ListAccessKeys", Map.of(),
                s -> iam.get().listAccessKeys(r -> r.overrideConfiguration(s.signing())));
        List<AccessKey> keys = new ArrayList<>();
        for (AccessKeyMetadata k : list.accessKeyMetadata()) {
            GetAccessKeyLastUsedResponse used = c.call("iam:GetAccessKeyLastUsed", Map.of("AccessKeyId", k.accessKeyId()),
                    s -> iam.get().getAccessKeyLastUsed(r -> r.accessKeyId(k.accessKeyId()).overrideConfiguration(s.signing())));
            var last = used.accessKeyLastUsed();
            Instant lastUsed = last == null ? null : last.lastUsedDate();
            keys.add(new AccessKey(k.accessKeyId(), CredentialStatus.fromAws(k.statusAsString()), k.createDate(), lastUsed,
                    lastUsed == null ? null : last.serviceName(), lastUsed == null ? null : last.region()));
        }
        return keys;
    }

    /**
     * The account's audit session, renewed when it is about to expire or AWS says it has (slow calls, throttling,
     * short configured durations), so any session duration finishes the account. Every AssumeRoot is evidence.
     */
    private final class Session {
        private final String accountId;
        private final EvidenceLog evidence;
        private RootSession current;
        private int opened;

        Session(String accountId, EvidenceLog evidence) {
            this.accountId = accountId;
            this.evidence = evidence;
        }

        /** The live session, opening a new one when none is left or it has less than a third of its life. */
        synchronized RootSession get() {
            if (current == null || expiresSoon(current)) {
                current = open();
            }
            return current;
        }

        /** A fresh session after {@code stale} was refused as expired (once per stale session). */
        synchronized RootSession renew(RootSession stale) {
            if (current == stale) {
                current = open();
            }
            return current;
        }

        private boolean expiresSoon(RootSession s) {
            return s.expiration() != null
                    && Instant.now().plus(sessionDuration.dividedBy(3)).isAfter(s.expiration());
        }

        private RootSession open() {
            if (++opened > MAX_SESSIONS_PER_ACCOUNT) {
                throw new Failure(new AuditError("ExpiredToken", "root sessions kept expiring before the account's "
                        + "calls finished (" + MAX_SESSIONS_PER_ACCOUNT + " sessions); raise rootaudit.audit.session-duration"));
            }
            return assumeRoot(accountId, evidence);
        }
    }

    private RootSession assumeRoot(String accountId, EvidenceLog evidence) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("TargetPrincipal", accountId);
        request.put("TaskPolicyArn", sessions.taskPolicyArn(TaskPolicy.AUDIT_ROOT_USER_CREDENTIALS));
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

    /**
     * IAM calls of one account, each recorded in the evidence with secrets redacted from errors. A call refused
     * with ExpiredToken is made once more in a renewed session.
     */
    private record Calls(Session session, EvidenceLog evidence) {

        <T extends IamResponse> T call(String api, Map<String, Object> request, Function<RootSession, T> call) {
            RootSession s = session.get();
            try {
                return attempt(api, request, call, s);
            } catch (SessionExpired expired) {
                return attempt(api, request, call, session.renew(s));
            }
        }

        private <T extends IamResponse> T attempt(String api, Map<String, Object> request,
                                                  Function<RootSession, T> call, RootSession s) {
            try {
                T response = call.apply(s);
                evidence.add(new EvidenceLog.Entry(api, Instant.now(), response.responseMetadata().requestId(), request,
                        SdkFields.toMap((SdkPojo) response), null));
                return response;
            } catch (SdkException e) {
                AuditError error = AuditError.of(e).redactedBy(s);
                evidence.add(new EvidenceLog.Entry(api, Instant.now(), requestId(e), request, null,
                        Map.of("code", error.code(), "message", String.valueOf(error.message()))));
                throw isExpiredToken(error) ? new SessionExpired(error) : new Failure(error);
            }
        }

        /** GetLoginProfile answers NoSuchEntity when root has no password: the compliant answer, kept as evidence. */
        GetLoginProfileResponse callAllowingNoSuchEntity(String api, Function<RootSession, GetLoginProfileResponse> call) {
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
