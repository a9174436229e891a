package io.rootaudit.application;

import io.rootaudit.audit.CollectionResult;
import io.rootaudit.audit.RootCredentialCollector;
import io.rootaudit.audit.RootCredentialInventory;
import io.rootaudit.aws.RootSession;
import io.rootaudit.aws.RootSessions;
import io.rootaudit.aws.TaskPolicy;
import io.rootaudit.compliance.ExceptionRegister;
import io.rootaudit.compliance.ExceptionEntry;
import io.rootaudit.config.RootAuditProperties;
import io.rootaudit.organization.Account;
import io.rootaudit.organization.AccountScope;
import io.rootaudit.organization.OrganizationDirectory;
import io.rootaudit.organization.Preflight;
import io.rootaudit.organization.PreflightReport;
import io.rootaudit.remediation.PolicyUnlocker;
import io.rootaudit.remediation.PrivilegedAction;
import io.rootaudit.remediation.PrivilegedActionLog;
import io.rootaudit.remediation.RecoveryInProgress;
import io.rootaudit.remediation.RemediationAction;
import io.rootaudit.remediation.RemediationDecision;
import io.rootaudit.remediation.RootAccessManagement;
import io.rootaudit.remediation.RootCredentialRemover;
import io.rootaudit.remediation.RootPasswordRecovery;
import io.rootaudit.remediation.RunRemediation;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The privileged commands: allow a root password recovery, delete one account's root credentials, unlock an S3
 * bucket or SQS queue policy, and enable centralized root access. Each checks its safety rules first, asks
 * for confirmation just before it changes anything, and records what it did (or refused) in the store.
 */
@Service
public class PrivilegedActions {

    private static final Duration SESSION = Duration.ofSeconds(900);

    private final Preflight preflight;
    private final OrganizationDirectory directory;
    private final RootSessions sessions;
    private final RootCredentialCollector collector;
    private final RootCredentialRemover remover;
    private final PolicyUnlocker unlocker;
    private final RootAccessManagement management;
    private final RootPasswordRecovery passwordRecovery;
    private final RecoveryInProgress recovery;
    private final PrivilegedActionLog actions;
    private final ExceptionRegister exceptions;
    private final RootAuditProperties.Remediation settings;
    private final SafetySettings safetySettings;
    private final Clock clock;

    PrivilegedActions(Preflight preflight, OrganizationDirectory directory, RootSessions sessions,
                       RootCredentialCollector collector, RootCredentialRemover remover, PolicyUnlocker unlocker,
                       RootAccessManagement management, RootPasswordRecovery passwordRecovery,
                       RecoveryInProgress recovery, PrivilegedActionLog actions,
                       ExceptionRegister exceptions, RootAuditProperties properties, Clock clock) {
        this.preflight = preflight;
        this.directory = directory;
        this.sessions = sessions;
        this.collector = collector;
        this.remover = remover;
        this.unlocker = unlocker;
        this.management = management;
        this.passwordRecovery = passwordRecovery;
        this.recovery = recovery;
        this.actions = actions;
        this.exceptions = exceptions;
        this.settings = properties.remediation();
        this.safetySettings = SafetySettings.of(properties, exceptions);
        this.clock = clock;
    }

    /** The settings that decide what these commands may change; shown before any of them acts. */
    public SafetySettings safetySettings() {
        return safetySettings;
    }

    /** Asks the operator; {@code false} stops the command before any change. */
    @FunctionalInterface
    public interface Confirmation {
        boolean confirm(String whatWillHappen);
    }

    /** What a command did. {@code action} is null only when preflight failed before an account was involved. */
    public record Outcome(Kind kind, String message, PrivilegedAction action) {
        public enum Kind { DONE, NO_CHANGE, DRY_RUN, REFUSED, NOT_CONFIRMED, PREREQUISITE_MISSING, FAILED }
    }

    /** What every command records. */
    private record Request(String command, String accountId, String target, String reason, String ticket, boolean dryRun) {}

    public Outcome allowRecovery(String accountId, String reason, String ticket, Confirmation confirmation) {
        Request request = new Request("allow-recovery", accountId, null, reason, ticket, false);
        return onMemberAccount(request, (caller, account) -> {
            if (!confirmation.confirm("allow a root password recovery for account " + accountId + " (" + account.name() + ")")) {
                return notConfirmed(request, caller);
            }
            RootSession session = sessions.open(accountId, TaskPolicy.CREATE_ROOT_USER_PASSWORD, SESSION);
            boolean created = passwordRecovery.allow(session);
            return created
                    ? record(request, caller, Outcome.Kind.DONE, "password recovery allowed: the root user of " + accountId
                            + " can now use 'Forgot password' on the sign-in page; rootaudit leaves the password alone for "
                            + settings.gracePeriod() + ", after which 'audit' with remediation apply deletes it again")
                    : record(request, caller, Outcome.Kind.NO_CHANGE, "root of " + accountId + " already has a password");
        });
    }

    public Outcome deleteRootCredentials(String accountId, String reason, String ticket, boolean dryRun,
                                         Confirmation confirmation) {
        Request request = new Request("delete-root-credentials", accountId, null, reason, ticket, dryRun);
        return onMemberAccount(request, (caller, account) -> {
            Optional<String> excepted = exceptionFor(accountId);
            if (excepted.isPresent()) {
                return record(request, caller, Outcome.Kind.REFUSED, "account " + accountId
                        + " has a valid exception (" + excepted.get() + "): its root credentials are never deleted");
            }
            if (!inRemediationScope(account)) {
                return record(request, caller, Outcome.Kind.REFUSED, "account " + accountId
                        + " is outside rootaudit.remediation.scope");
            }
            CollectionResult before = collector.collect(accountId);
            if (!before.succeeded()) {
                return record(request, caller, Outcome.Kind.FAILED, "could not audit the account first: "
                        + before.error().code() + ": " + before.error().message());
            }
            RootCredentialInventory inventory = before.inventory();
            if (inventory.isCredentialLess()) {
                return record(request, caller, Outcome.Kind.NO_CHANGE, "root of " + accountId + " has no credentials");
            }
            if (recovery.applies(inventory, clock.instant())) {
                return record(request, caller, Outcome.Kind.REFUSED, "root password of " + accountId + " was created "
                        + inventory.password().createdAt() + ", within the grace period of " + settings.gracePeriod()
                        + ": a recovery in progress is left alone");
            }
            String id = newId();
            List<RemediationAction> plan = RootCredentialRemover.plan(accountId, inventory, clock.instant());
            String planText = plan.stream().map(a -> a.type() + " " + a.target()).collect(Collectors.joining(", "));
            if (dryRun) {
                remover.record(id, plan);
                return record(id, request, caller, Outcome.Kind.DRY_RUN, "would run: " + planText);
            }
            if (!confirmation.confirm("delete the root credentials of account " + accountId + ": " + planText)) {
                return notConfirmed(request, caller);
            }
            // recorded before anything is deleted, so even a killed command leaves who, when and why
            actions.record(new PrivilegedAction(id, request.command(), accountId, null, caller, clock.instant(),
                    request.reason(), request.ticket(), false, "IN_PROGRESS", "deleting: " + planText));
            RunRemediation.Outcome outcome = RunRemediation.applyAndVerify(id, accountId, plan, remover, collector);
            Outcome.Kind kind = outcome.decision() == RemediationDecision.REMEDIATED ? Outcome.Kind.DONE : Outcome.Kind.FAILED;
            String message = outcome.decision() + ": " + outcome.reason();
            actions.finish(id, kind.name(), message);
            return new Outcome(kind, message, new PrivilegedAction(id, request.command(), accountId, null, caller,
                    clock.instant(), request.reason(), request.ticket(), false, kind.name(), message));
        });
    }

    public Outcome unlockBucketPolicy(String accountId, String bucket, String reason, String ticket, boolean dryRun,
                                      Confirmation confirmation) {
        return unlock(new Request("unlock-s3-bucket-policy", accountId, bucket, reason, ticket, dryRun),
                TaskPolicy.S3_UNLOCK_BUCKET_POLICY, "bucket policy of " + bucket,
                s -> unlocker.bucketPolicy(s, bucket), s -> unlocker.deleteBucketPolicy(s, bucket), confirmation);
    }

    public Outcome unlockQueuePolicy(String accountId, String queueUrl, String reason, String ticket, boolean dryRun,
                                     Confirmation confirmation) {
        return unlock(new Request("unlock-sqs-queue-policy", accountId, queueUrl, reason, ticket, dryRun),
                TaskPolicy.SQS_UNLOCK_QUEUE_POLICY, "queue policy of " + queueUrl,
                s -> unlocker.queuePolicy(s, queueUrl), s -> unlocker.removeQueuePolicy(s, queueUrl), confirmation);
    }

    /** Shows a resource policy in an unlock session, then (confirmed, not a dry run) removes it. */
    private Outcome unlock(Request request, TaskPolicy task, String what,
                           java.util.function.Function<RootSession, Optional<String>> read,
                           java.util.function.Consumer<RootSession> remove, Confirmation confirmation) {
        return onMemberAccount(request, (caller, account) -> {
            RootSession session = sessions.open(request.accountId(), task, SESSION);
            Optional<String> policy = read.apply(session);
            if (policy.isEmpty()) {
                return record(request, caller, Outcome.Kind.NO_CHANGE, "no " + what);
            }
            String shown = what + ":\n" + policy.get();
            if (request.dryRun()) {
                return record(request, caller, Outcome.Kind.DRY_RUN, shown);
            }
            if (!confirmation.confirm("remove this " + shown)) {
                return notConfirmed(request, caller);
            }
            remove.accept(session);
            return record(request, caller, Outcome.Kind.DONE, "removed the " + shown);
        });
    }

    /** From the management account: turns on whatever of trusted access, RootCredentialsManagement, RootSessions is off. */
    public Outcome enableRootAccessManagement(String reason, String ticket, boolean dryRun, Confirmation confirmation) {
        Request request = new Request("enable-root-access-management", null, null, reason, ticket, dryRun);
        PreflightReport report = preflight.run();
        if (report.organization() == null || report.callerRole() != PreflightReport.CallerRole.MANAGEMENT_ACCOUNT) {
            String why = report.firstFailure().map(c -> c.title() + ": " + c.detail()).orElse("the caller is not the management account");
            return new Outcome(Outcome.Kind.PREREQUISITE_MISSING, "run this from the management account: " + why, null);
        }
        String caller = report.callerArn();
        try {
            List<String> missing = management.missing();
            if (missing.isEmpty()) {
                return record(request, caller, Outcome.Kind.NO_CHANGE, "already enabled: " + RootAccessManagement.TRUSTED_ACCESS
                        + ", RootCredentialsManagement, RootSessions");
            }
            if (dryRun) {
                return record(request, caller, Outcome.Kind.DRY_RUN, "would enable: " + String.join(", ", missing));
            }
            if (!confirmation.confirm("enable " + String.join(", ", missing) + " in organization " + report.organization().id())) {
                return notConfirmed(request, caller);
            }
            management.enable(missing);
            return record(request, caller, Outcome.Kind.DONE, "enabled: " + String.join(", ", missing));
        } catch (SdkException e) {
            return record(request, caller, Outcome.Kind.FAILED, e.getMessage());
        }
    }

    /** The shared rules of the account commands: prerequisites met; a member account, ACTIVE, not the management account. */
    private Outcome onMemberAccount(Request request, AccountCommand command) {
        PreflightReport report = preflight.run();
        if (!report.passed()) {
            return new Outcome(Outcome.Kind.PREREQUISITE_MISSING, report.firstFailure().map(c -> c.title() + ": " + c.detail()
                    + (c.fix() == null ? "" : "; fix: " + c.fix())).orElse("preflight failed"), null);
        }
        String caller = report.callerArn();
        if (request.accountId().equals(report.organization().managementAccountId())) {
            return record(request, caller, Outcome.Kind.REFUSED, "account " + request.accountId()
                    + " is the management account: sts:AssumeRoot cannot target it and rootaudit never touches it");
        }
        try {
            Optional<Account> account = directory.describeAccount(request.accountId());
            if (account.isEmpty()) {
                return record(request, caller, Outcome.Kind.REFUSED, "account " + request.accountId()
                        + " is not a member of organization " + report.organization().id());
            }
            if (!account.get().isActive()) {
                return record(request, caller, Outcome.Kind.REFUSED, "account " + request.accountId() + " is "
                        + account.get().state());
            }
            return command.run(caller, account.get());
        } catch (SdkException e) {
            return record(request, caller, Outcome.Kind.FAILED, e.getMessage());
        }
    }

    @FunctionalInterface
    private interface AccountCommand {
        Outcome run(String callerArn, Account account);
    }

    private Optional<String> exceptionFor(String accountId) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        return exceptions.entries().stream().filter(e -> e.account().equals(accountId) && e.appliesOn(today))
                .map(ExceptionEntry::reference).findFirst();
    }

    private boolean inRemediationScope(Account a) {
        AccountScope scope = new AccountScope(settings.scope());
        Account judged = scope.restrictsOus() ? directory.withOuIdPath(a) : a;
        return scope.includes(scope.usesTags() ? judged.withTags(directory.tags(a.id())) : judged);
    }

    private Outcome notConfirmed(Request request, String caller) {
        return record(request, caller, Outcome.Kind.NOT_CONFIRMED, "not confirmed: nothing was changed");
    }

    private Outcome record(Request request, String caller, Outcome.Kind kind, String message) {
        return record(newId(), request, caller, kind, message);
    }

    private Outcome record(String id, Request request, String caller, Outcome.Kind kind, String message) {
        PrivilegedAction action = new PrivilegedAction(id, request.command(), request.accountId(), request.target(), caller,
                clock.instant(), request.reason(), request.ticket(), request.dryRun(), kind.name(), message);
        actions.record(action);
        return new Outcome(kind, message, action);
    }

    private String newId() {
        return "pa-" + clock.instant().getEpochSecond() + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    }
}
