package io.rootaudit.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;
import org.springframework.validation.annotation.Validated;

/**
 * Every setting of rootaudit, bound from Spring Boot's configuration (YAML, environment variables,
 * {@code --rootaudit.x=y}) and validated before any AWS call, so that a typo fails the run at startup
 * with a message naming the property instead of half-way through an organization.
 * Unknown properties under {@code rootaudit.} are rejected too, so a misspelt name is not silently ignored.
 * {@code config/application.example.yml} documents each property.
 *
 * @param period the month the run is filed under, YYYY-MM; empty = the current UTC month
 * @param exceptionsFile the YAML file of approved exceptions, read and validated at startup; empty = none
 * @param managementAccount how the management account's own root is read (sts:AssumeRoot cannot reach it)
 * @param compliance the control frameworks that the reports show
 * @param notifications ({@code rootaudit.notify}: {@code notify} is a method of every Java object) events put on an Amazon EventBridge bus at the end of each audit; off unless {@code event-bus} is set
 * @param export where each completed run's findings are sent besides the evidence pack
 * @param databasePath the embedded H2 database file (without extension) holding runs and Spring Batch state;
 *     ignored when {@code spring.datasource.url} points elsewhere
 */
@Validated
@ConfigurationProperties(prefix = "rootaudit", ignoreUnknownFields = false)
public record RootAuditProperties(
        @Valid @NotNull @DefaultValue Aws aws,
        @Valid @NotNull @DefaultValue Scope scope,
        @Valid @NotNull @DefaultValue Audit audit,
        @Valid @NotNull @DefaultValue Preflight preflight,
        @Valid @NotNull @DefaultValue ManagementAccount managementAccount,
        Path exceptionsFile,
        @Valid @NotNull @DefaultValue Compliance compliance,
        @Valid @NotNull @DefaultValue Report report,
        @Valid @NotNull @DefaultValue Remediation remediation,
        @Name("notify") @Valid @NotNull @DefaultValue Notify notifications,
        @Valid @NotNull @DefaultValue Export export,
        @Pattern(regexp = "\\d{4}-(0[1-9]|1[0-2])", message = "must be a month in the form YYYY-MM, for example 2026-11")
        String period,
        @NotNull @DefaultValue("./data/rootaudit") Path databasePath) {


    /** The audited month: the configured one, else the current UTC month. */
    public YearMonth effectivePeriod() {
        return period == null || period.isBlank() ? YearMonth.now(ZoneOffset.UTC) : YearMonth.parse(period);
    }

    @AssertTrue(message = "rootaudit.exceptions-file points to a file that does not exist or cannot be read")
    boolean isExceptionsFileReadable() {
        return exceptionsFile == null || Files.isReadable(exceptionsFile);
    }

    /** With {@code apply}, an account's break-glass exception is what keeps its root credentials from deletion. */
    @AssertTrue(message = "rootaudit.remediation.mode=apply needs rootaudit.exceptions-file (the approved break-glass "
            + "exceptions that remediation must leave alone); if the organization has none, say so with "
            + "rootaudit.remediation.acknowledge-no-exceptions-file=true")
    boolean isApplyGuardedByExceptions() {
        return remediation == null || remediation.mode() != Remediation.Mode.APPLY || exceptionsFile != null
                || remediation.acknowledgeNoExceptionsFile();
    }

    /**
     * AWS client settings. Credentials always come from the SDK's default chain (profiles, SSO,
     * environment, instance role); endpoints from {@code AWS_ENDPOINT_URL} and its per-service variants.
     *
     * @param region region of the STS endpoint used for AssumeRoot (AssumeRoot has no global endpoint);
     *     empty = the SDK's region chain ({@code AWS_REGION}, profile)
     * @param maxAttempts attempts per AWS request, including the first, before a throttled or failed
     *     request counts as the account's error
     * @param rateLimits client-side request rates per API family
     * @param connectTimeout how long one attempt waits for a TCP connection to the AWS endpoint
     * @param attemptTimeout how long one attempt (connect, send, answer) may take before it is abandoned and retried
     * @param callTimeout how long one AWS request may take in total, every attempt, backoff and rate-limit wait included
     */
    public record Aws(
            @Pattern(regexp = "|[a-z]{2}(-[a-z]+)+-\\d", message = "must be a region code such as us-east-1 (AssumeRoot needs a regional STS endpoint)")
            String region,
            @Min(1) @Max(20) @DefaultValue("10") int maxAttempts,
            @Valid @NotNull @DefaultValue RateLimits rateLimits,
            @NotNull @DefaultValue("5s") Duration connectTimeout,
            @NotNull @DefaultValue("20s") Duration attemptTimeout,
            @NotNull @DefaultValue("2m") Duration callTimeout) {

        @AssertTrue(message = "rootaudit.aws.connect-timeout must be between 100ms and 1m")
        boolean isConnectTimeoutValid() {
            return within(connectTimeout, Duration.ofMillis(100), Duration.ofMinutes(1));
        }

        @AssertTrue(message = "rootaudit.aws.attempt-timeout must be between 1s and 10m")
        boolean isAttemptTimeoutValid() {
            return within(attemptTimeout, Duration.ofSeconds(1), Duration.ofMinutes(10));
        }

        @AssertTrue(message = "rootaudit.aws.call-timeout must be between 1s and 1h, and not shorter than rootaudit.aws.attempt-timeout")
        boolean isCallTimeoutValid() {
            return within(callTimeout, Duration.ofSeconds(1), Duration.ofHours(1))
                    && (attemptTimeout == null || callTimeout.compareTo(attemptTimeout) >= 0);
        }

        private static boolean within(Duration value, Duration min, Duration max) {
            return value != null && value.compareTo(min) >= 0 && value.compareTo(max) <= 0;
        }
    }

    /**
     * Requests per second rootaudit sends to each AWS API family, across all threads, first attempts and retries
     * alike. The defaults stay below AWS's documented quotas where AWS publishes them; docs/setup-aws.md
     * ("Rate limits and throttling") says which.
     *
     * @param sts client-side rate of STS requests, per second (AssumeRoot: one per account)
     * @param iam client-side rate of IAM requests, per second
     * @param organizations client-side rate of Organizations requests, per second (the tag reads are one per account)
     * @param s3 client-side rate of S3 requests, per second
     * @param sqs client-side rate of SQS requests, per second
     * @param kms client-side rate of KMS requests, per second (signing the evidence: a few per run)
     * @param events client-side rate of EventBridge requests, per second (PutEvents: one per ten events)
     * @param securityHub client-side rate of Security Hub requests, per second (the findings export: one
     *     BatchImportFindings per 100 findings; AWS allows about 10 per second)
     * @param adaptive slow a family down when AWS throttles it and speed it up again when it stops
     */
    public record RateLimits(
            @Positive @DefaultValue("40") double sts,
            @Positive @DefaultValue("200") double iam,
            @Positive @DefaultValue("8") double organizations,
            @Positive @DefaultValue("50") double s3,
            @Positive @DefaultValue("10") double sqs,
            @Positive @DefaultValue("10") double kms,
            @Positive @DefaultValue("10") double events,
            @Positive @DefaultValue("10") double securityHub,
            @DefaultValue("true") boolean adaptive) {}

    /**
     * Which accounts are in scope. Out-of-scope accounts are not listed at all.
     *
     * @param organizationalUnits OU ids ({@code ou-...}) or root ids ({@code r-...}), recursive; empty = whole organization
     * @param includeAccounts when not empty, only these account ids (within the OUs above)
     * @param excludeAccounts account ids never audited
     * @param includeTags when not empty, only accounts carrying at least one of these tags, each {@code key=value} or a
     *     bare {@code key} (any value); read before the audit, one Organizations request per account
     * @param excludeTags accounts carrying any of these tags ({@code key=value} or {@code key}) are never audited, for
     *     example {@code rootaudit:skip=true}
     * @param readTags read every account's tags into the reports' Tags column even when nothing else needs them;
     *     they are then read alongside the audit, on the Organizations rate limit, and never delay it
     */
    public record Scope(
            List<@Pattern(regexp = "(ou-[0-9a-z]{4,32}-[0-9a-z]{8,32})|(r-[0-9a-z]{4,32})", message = "must be an OU id (ou-xxxx-xxxxxxxx) or a root id (r-xxxx)") String> organizationalUnits,
            List<@Pattern(regexp = "\\d{12}", message = "must be a 12-digit account id (quote it in YAML)") String> includeAccounts,
            List<@Pattern(regexp = "\\d{12}", message = "must be a 12-digit account id (quote it in YAML)") String> excludeAccounts,
            List<@Pattern(regexp = TAG_FILTER, message = TAG_FILTER_MESSAGE) String> includeTags,
            List<@Pattern(regexp = TAG_FILTER, message = TAG_FILTER_MESSAGE) String> excludeTags,
            @DefaultValue("false") boolean readTags) {
        public Scope {
            organizationalUnits = organizationalUnits == null ? List.of() : List.copyOf(organizationalUnits);
            includeAccounts = includeAccounts == null ? List.of() : List.copyOf(includeAccounts);
            excludeAccounts = excludeAccounts == null ? List.of() : List.copyOf(excludeAccounts);
            includeTags = includeTags == null ? List.of() : List.copyOf(includeTags);
            excludeTags = excludeTags == null ? List.of() : List.copyOf(excludeTags);
        }
    }

    /** A tag key as AWS allows it (1 to 128 characters), optionally {@code =} and a value (up to 256 characters). */
    static final String TAG_FILTER = "[\\p{L}\\p{Z}\\p{N}_.:/+\\-@]{1,128}(=[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{0,256})?";
    static final String TAG_FILTER_MESSAGE = "must be a tag key or key=value, for example rootaudit:skip=true or team "
            + "(letters, digits, spaces and _ . : / + - @; the key at most 128 characters)";

    /**
     * The audit step.
     *
     * @param concurrency accounts audited at once
     * @param sessionDuration lifetime of each AssumeRoot session: at most 900 s (AWS's limit), at least 60 s (shorter
     *     sessions expire between an account's calls)
     * @param recentUseDays a root password or key used within this many days is a finding
     */
    public record Audit(
            @Min(1) @Max(256) @DefaultValue("16") int concurrency,
            @NotNull @DefaultValue("900s") Duration sessionDuration,
            @Min(1) @Max(3650) @DefaultValue("90") int recentUseDays) {

        @AssertTrue(message = "rootaudit.audit.session-duration must be between 60s and 900s (AssumeRoot's maximum); "
                + "shorter sessions run out between an account's calls")
        boolean isSessionDurationValid() {
            return sessionDuration != null && sessionDuration.compareTo(Duration.ofSeconds(60)) >= 0
                    && sessionDuration.compareTo(Duration.ofSeconds(900)) <= 0;
        }
    }

    /**
     * @param requireRootCredentialsManagement when false, a disabled RootCredentialsManagement feature is
     *     reported as an organization finding instead of stopping the run (the audit itself only needs RootSessions)
     */
    public record Preflight(@DefaultValue("true") boolean requireRootCredentialsManagement) {}

    /**
     * How the management account's root is read: from inside the management account, with iam:GetAccountSummary, the
     * credential report and iam:ListVirtualMFADevices. Running as the management account needs nothing here.
     *
     * @param roleArn a role in the management account that rootaudit assumes (sts:AssumeRole) to read its root when it
     *     runs as the IAM delegated administrator, for example {@code arn:aws:iam::111111111111:role/rootaudit-management-root};
     *     see config/iam-policy-management-root.json and its trust policy. Empty = the management account's root is
     *     assessed only when rootaudit runs in the management account, and is otherwise reported as not assessed
     * @param credentialReportTimeout how long to wait for iam:GenerateCredentialReport to answer COMPLETE before the
     *     management account's result is an error. Range 5s..30m
     */
    public record ManagementAccount(
            @Pattern(regexp = "|arn:aws(-[a-z]+)*:iam::\\d{12}:role/[\\w+=,.@/-]+",
                    message = "must be an IAM role ARN, for example arn:aws:iam::111111111111:role/rootaudit-management-root")
            String roleArn,
            @NotNull @DefaultValue("2m") Duration credentialReportTimeout) {

        @AssertTrue(message = "rootaudit.management-account.credential-report-timeout must be between 5s and 30m")
        boolean isCredentialReportTimeoutValid() {
            return credentialReportTimeout != null && credentialReportTimeout.compareTo(Duration.ofSeconds(5)) >= 0
                    && credentialReportTimeout.compareTo(Duration.ofMinutes(30)) <= 0;
        }

        /** True when a role is configured; a blank value counts as none. */
        public boolean hasRole() {
            return roleArn != null && !roleArn.isBlank();
        }
    }

    /**
     * @param frameworks ids of the control frameworks the reports show, in this order, for example
     *     {@code cis-aws-v7.0.0}: the names of the framework mapping files; empty = every framework, ordered by id.
     *     An unknown id stops the start, naming the known ones
     */
    public record Compliance(List<String> frameworks) {
        public Compliance {
            frameworks = frameworks == null ? List.of() : List.copyOf(frameworks);
        }
    }

    /**
     * @param localDir where each run's evidence folder is written (always, also when publishing to S3)
     * @param s3 where the evidence pack is published; off unless {@code bucket} is set
     * @param signing signing of each pack's manifest.json with an AWS KMS key; off unless {@code kms-key-id} is set
     * @param ownerTagKeys account tags that name an account's owner, in order of preference, for example
     *     {@code owner,team}; empty = no owner routing. When set, every account's tags are read alongside the audit
     *     and the reports, exports and events name each account's owner ("no owner" without any of these tags)
     */
    public record Report(@NotNull @DefaultValue("./reports") Path localDir, @Valid @NotNull @DefaultValue S3 s3,
                         @Valid @NotNull @DefaultValue Signing signing,
                         List<@Pattern(regexp = "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{1,128}", message = "must be a tag key (1 to 128 letters, digits, spaces and _ . : / = + - @)") String> ownerTagKeys) {

        public Report {
            ownerTagKeys = ownerTagKeys == null ? List.of() : List.copyOf(ownerTagKeys);
        }

        // a Path cannot be @NotBlank; keep a clear message for an empty value
        @AssertTrue(message = "rootaudit.report.local-dir must not be empty")
        boolean isLocalDirSet() {
            return localDir != null && !localDir.toString().isBlank();
        }
    }

    /**
     * Signed evidence: a manifest proves that the files are those it lists, not who made it. With a key, each
     * run signs the exact bytes of its manifest.json with {@code kms:Sign}, so {@code verify} can prove the origin.
     *
     * @param kmsKeyId the asymmetric AWS KMS key (SIGN_VERIFY; ECC_NIST_P256 or RSA) that signs each pack's
     *     manifest.json: key id, key ARN, alias name or alias ARN; empty = packs are not signed
     */
    public record Signing(
            @Pattern(regexp = "|\\S{1,2048}", message = "must be a KMS key id, key ARN, alias name or alias ARN, without spaces")
            String kmsKeyId) {

        public boolean enabled() {
            return kmsKeyId != null && !kmsKeyId.isBlank();
        }
    }

    /**
     * Publishing to S3, under {@code <prefix>/<organization id>/<period>/<run id>/<file>}.
     *
     * @param bucket the bucket each evidence pack is published to; empty = no publishing
     * @param prefix key prefix of every published object; leading and trailing slashes are ignored
     * @param kmsKeyId SSE-KMS with this key when set, SSE-S3 otherwise
     * @param pathStyle path-style addressing; empty = on when an endpoint override is set (emulators, VPC endpoints)
     */
    public record S3(
            @Pattern(regexp = "|[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]", message = "must be an S3 bucket name (lower case letters, digits, dots and hyphens)")
            String bucket,
            @NotNull @DefaultValue("") String prefix,
            String kmsKeyId,
            @Valid @NotNull @DefaultValue ObjectLock objectLock,
            Boolean pathStyle) {

        public boolean enabled() {
            return bucket != null && !bucket.isBlank();
        }

        /** The prefix without leading or trailing slashes. */
        public String normalizedPrefix() {
            return prefix.replaceAll("^/+|/+$", "");
        }

        /**
         * S3 keeps {@code a//b}, {@code ./a} and {@code a/../b} as literal keys, but tools that map keys to folders
         * (the console, {@code aws s3 sync}, a download to disk) collapse, drop or resolve those segments, so the
         * evidence would not be where its key says.
         */
        @AssertTrue(message = "rootaudit.report.s3.prefix must be key segments separated by single slashes, "
                + "none of them empty, '.' or '..' (for example rootaudit or audits/root-users)")
        boolean isPrefixValid() {
            String p = prefix == null ? "" : normalizedPrefix();
            return p.isEmpty() || Arrays.stream(p.split("/", -1))
                    .noneMatch(segment -> segment.isEmpty() || segment.equals(".") || segment.equals(".."));
        }
    }

    /**
     * Object Lock retention of published objects: both set, or neither.
     *
     * @param mode GOVERNANCE or COMPLIANCE
     * @param retainDays days each object stays locked
     */
    public record ObjectLock(LockMode mode, @Min(1) @Max(36500) Integer retainDays) {

        public enum LockMode { GOVERNANCE, COMPLIANCE }

        public boolean enabled() {
            return mode != null;
        }

        @AssertTrue(message = "rootaudit.report.s3.object-lock.mode and .retain-days must be set together")
        boolean isComplete() {
            return (mode == null) == (retainDays == null);
        }
    }

    /**
     * Findings sent to other tools after the evidence pack is written. A failed export never fails the audit: it has an
     * exit code of its own, and {@code export --run ID} sends the stored run again.
     *
     * @param securityHub AWS Security Hub CSPM, as ASFF findings imported into the account that runs the audit
     */
    public record Export(@Valid @NotNull @DefaultValue SecurityHub securityHub) {}

    /**
     * @param enabled import each completed run's findings into Security Hub (BatchImportFindings) in the region of
     *     {@code rootaudit.aws.region}, as findings of the account that runs the audit about each member account's root
     */
    public record SecurityHub(@DefaultValue("false") boolean enabled) {}

    /**
     * Deleting root credentials after the audit. Never runs unless {@code mode} says so, never touches the
     * management account or an account with a valid exception, and records every action.
     *
     * @param mode {@code off} (default), {@code dry-run} (record what would be done, change nothing) or {@code apply}
     * @param scope accounts remediation may touch, same shape as the audit scope; empty = every audited account
     * @param gracePeriod a root password created less than this long ago is a recovery in progress and left alone;
     *     at least one hour, so that a break-glass recovery is never deleted while its owner completes it
     * @param maxAccounts above this many eligible accounts, a run deletes nothing and says why
     * @param retryFor how long transient errors (throttling, invalid MFA right after a recovery) are retried per call
     * @param acknowledgeNoExceptionsFile lets {@code apply} run without an exceptions file: the operator states that
     *     no account is excepted
     */
    public record Remediation(
            @NotNull @DefaultValue("off") Mode mode,
            @Valid @NotNull @DefaultValue Scope scope,
            @NotNull @DefaultValue("24h") Duration gracePeriod,
            @Min(1) @Max(10000) @DefaultValue("25") int maxAccounts,
            @NotNull @DefaultValue("15m") Duration retryFor,
            @DefaultValue("false") boolean acknowledgeNoExceptionsFile) {

        public enum Mode { OFF, DRY_RUN, APPLY }

        public boolean enabled() {
            return mode != Mode.OFF;
        }

        @AssertTrue(message = "rootaudit.remediation.grace-period must be at least 1h (and at most 90d): a shorter grace "
                + "period lets remediation delete a root password that a break-glass recovery has just set")
        boolean isGracePeriodSafe() {
            return gracePeriod != null && gracePeriod.compareTo(Duration.ofHours(1)) >= 0
                    && gracePeriod.compareTo(Duration.ofDays(90)) <= 0;
        }

        @AssertTrue(message = "rootaudit.remediation.retry-for must be between 0s and 24h")
        boolean isRetryForValid() {
            return retryFor != null && !retryFor.isNegative() && retryFor.compareTo(Duration.ofHours(24)) <= 0;
        }
    }

    /**
     * Amazon EventBridge events of each completed audit (a run-completed event, and one per finding opened or
     * resolved since the previous run), so rules can route them to SNS, chat, tickets or paging. docs/integrations.md
     * describes the events.
     *
     * @param eventBus the event bus the events are put on: its name (for example {@code rootaudit}) or its ARN (for
     *     a bus of another account or region); empty = no events
     */
    public record Notify(
            @Pattern(regexp = "|[.\\-_A-Za-z0-9]{1,256}|arn:aws(-[a-z]+)*:events:[a-z]{2}(-[a-z]+)+-\\d:\\d{12}:event-bus/[.\\-_A-Za-z0-9/]{1,256}",
                    // named in full: the component is "notifications", which Spring Boot binds as rootaudit.notify
                    message = "rootaudit.notify.event-bus must be an event bus name (letters, digits, '.', '-', '_'; at "
                            + "most 256) or an event bus ARN, "
                            + "for example arn:aws:events:us-east-1:111111111111:event-bus/rootaudit")
            String eventBus) {

        public boolean enabled() {
            return eventBus != null && !eventBus.isBlank();
        }
    }
}
