package io.rootaudit.remediation;

import io.rootaudit.aws.AwsClients;
import io.rootaudit.audit.MfaType;
import io.rootaudit.audit.RootCredentialInventory;
import io.rootaudit.aws.RootSession;
import io.rootaudit.aws.RootSessions;
import io.rootaudit.aws.TaskPolicy;
import io.rootaudit.config.RootAuditProperties;
import io.rootaudit.remediation.RemediationAction.Status;
import io.rootaudit.remediation.RemediationAction.Type;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * The one place that deletes root credentials, in an IAMDeleteRootUserCredentials session: access keys, signing
 * certificates, MFA devices (deactivated, and deleted when virtual) and the console password. Each action is
 * recorded before the call and after it; an action already recorded as settled is never repeated, and
 * NoSuchEntity counts as done, so a resumed run deletes nothing twice. Transient errors are retried with
 * backoff for a bounded time.
 */
@Component
public class RootCredentialRemover {

    private static final Logger log = LoggerFactory.getLogger(RootCredentialRemover.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final RootSessions sessions;
    private final Supplier<IamClient> iam;
    private final RemediationLog remediationLog;
    private final Duration retryFor;
    private final Clock clock;

    RootCredentialRemover(RootSessions sessions, AwsClients clients, RemediationLog remediationLog,
                          RootAuditProperties properties, Clock clock) {
        this.sessions = sessions;
        this.iam = clients::iam;
        this.remediationLog = remediationLog;
        this.retryFor = properties.remediation().retryFor();
        this.clock = clock;
    }

    /** The actions that remove every credential of {@code inventory}, in a safe order (password last). Pure. */
    public static List<RemediationAction> plan(String accountId, RootCredentialInventory inventory, Instant at) {
        List<RemediationAction> plan = new ArrayList<>();
        inventory.accessKeys().forEach(k -> plan.add(action(accountId, plan.size(), Type.DELETE_ACCESS_KEY, k.accessKeyId(), at)));
        inventory.signingCertificates().forEach(c ->
                plan.add(action(accountId, plan.size(), Type.DELETE_SIGNING_CERTIFICATE, c.certificateId(), at)));
        inventory.mfaDevices().forEach(d -> {
            plan.add(action(accountId, plan.size(), Type.DEACTIVATE_MFA_DEVICE, d.serialNumber(), at));
            if (d.type() == MfaType.VIRTUAL) {
                plan.add(action(accountId, plan.size(), Type.DELETE_VIRTUAL_MFA_DEVICE, d.serialNumber(), at));
            }
        });
        if (inventory.hasPassword()) {
            plan.add(action(accountId, plan.size(), Type.DELETE_LOGIN_PROFILE, "login-profile", at));
        }
        return plan;
    }

    private static RemediationAction action(String accountId, int ordinal, Type type, String target, Instant at) {
        return new RemediationAction(accountId, ordinal, type, target, Status.PLANNED, null, at);
    }

    /** Records the plan as planned actions without changing anything (dry run, or before applying). */
    public void record(String logId, List<RemediationAction> plan) {
        Map<Integer, RemediationAction> known = known(logId, plan);
        plan.stream().filter(a -> !known.containsKey(a.ordinal())).forEach(a -> remediationLog.record(logId, a));
    }

    /**
     * Applies the plan. Returns the final state of every action.
     *
     * @param logId the run id (or privileged action id) the actions are recorded under
     */
    public List<RemediationAction> apply(String logId, String accountId, List<RemediationAction> plan) {
        record(logId, plan);
        Map<Integer, RemediationAction> known = known(logId, plan);
        List<RemediationAction> result = new ArrayList<>();
        RootSession session = null;
        for (RemediationAction planned : plan) {
            RemediationAction current = known.getOrDefault(planned.ordinal(), planned);
            if (current.status().settled()) {
                result.add(current);
                continue;
            }
            if (session == null) {
                session = sessions.open(accountId, TaskPolicy.DELETE_ROOT_USER_CREDENTIALS, Duration.ofSeconds(900));
            }
            RemediationAction done = execute(session, planned);
            if (done.status() == Status.FAILED && done.detail() != null && done.detail().startsWith("ExpiredToken")) {
                session = sessions.open(accountId, TaskPolicy.DELETE_ROOT_USER_CREDENTIALS, Duration.ofSeconds(900));
                done = execute(session, planned);
            }
            remediationLog.record(logId, done);
            log.info("{} {} in {}: {}", planned.type(), planned.target(), accountId, done.status());
            result.add(done);
        }
        return result;
    }

    private Map<Integer, RemediationAction> known(String logId, List<RemediationAction> plan) {
        if (plan.isEmpty()) {
            return Map.of();
        }
        return remediationLog.actions(logId, plan.get(0).accountId()).stream()
                .collect(Collectors.toMap(RemediationAction::ordinal, Function.identity()));
    }

    /** One action, retried while the error is transient and the retry budget lasts. */
    private RemediationAction execute(RootSession session, RemediationAction a) {
        Instant deadline = clock.instant().plus(retryFor);
        Duration backoff = FIRST_BACKOFF;
        while (true) {
            try {
                call(session, a);
                return with(a, Status.DONE, null);
            } catch (AwsServiceException e) {
                String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
                String message = session.redact(e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage());
                if (code.startsWith("NoSuchEntity")) {
                    return with(a, Status.ALREADY_GONE, "NoSuchEntity: already gone");
                }
                if (code.startsWith("AccessDenied") && a.type() == Type.DELETE_VIRTUAL_MFA_DEVICE) {
                    return with(a, Status.NOT_PERMITTED, "AccessDenied: the task policy no longer allows "
                            + "DeleteVirtualMFADevice; the device is deactivated and no longer usable by root");
                }
                if (!isTransient(code, message) || clock.instant().plus(backoff).isAfter(deadline)) {
                    return with(a, Status.FAILED, code + ": " + message);
                }
                log.info("{} {} got {} ({}); retrying in {} ms", a.type(), a.target(), code, message, backoff.toMillis());
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            } catch (SdkException e) {
                return with(a, Status.FAILED, "ClientError: " + session.redact(e.getMessage()));
            }
        }
    }

    private void call(RootSession s, RemediationAction a) {
        switch (a.type()) {
            case DELETE_ACCESS_KEY -> iam.get().deleteAccessKey(r -> r.accessKeyId(a.target()).overrideConfiguration(s.signing()));
            case DELETE_SIGNING_CERTIFICATE ->
                    iam.get().deleteSigningCertificate(r -> r.certificateId(a.target()).overrideConfiguration(s.signing()));
            case DEACTIVATE_MFA_DEVICE -> iam.get().deactivateMFADevice(r -> r.serialNumber(a.target()).overrideConfiguration(s.signing()));
            case DELETE_VIRTUAL_MFA_DEVICE ->
                    iam.get().deleteVirtualMFADevice(r -> r.serialNumber(a.target()).overrideConfiguration(s.signing()));
            case DELETE_LOGIN_PROFILE -> iam.get().deleteLoginProfile(r -> r.overrideConfiguration(s.signing()));
        }
    }

    /**
     * Throttling and service hiccups, and the invalid-MFA errors AWS is reported to return for minutes right
     * after a password recovery.
     */
    static boolean isTransient(String code, String message) {
        return code.startsWith("Throttling") || code.equals("RequestLimitExceeded") || code.equals("ServiceUnavailable")
                || code.equals("InternalFailure") || code.equals("EntityTemporarilyUnmodifiable")
                || (code.startsWith("InvalidInput") && message != null && message.contains("MFA"));
    }

    private RemediationAction with(RemediationAction a, Status status, String detail) {
        return new RemediationAction(a.accountId(), a.ordinal(), a.type(), a.target(), status, detail, clock.instant());
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry", e);
        }
    }
}
