package io.rootaudit.report;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.rootaudit.audit.AuditError;
import io.rootaudit.audit.MfaType;
import io.rootaudit.audit.RootCredentialInventory;
import io.rootaudit.audit.RootCredentialInventory.CredentialStatus;
import io.rootaudit.compliance.AccountStatus;
import io.rootaudit.compliance.Severity;
import io.rootaudit.compliance.Tally;
import io.rootaudit.organization.PrerequisiteCheck;
import io.rootaudit.report.EvidenceReport.AccountRow;
import io.rootaudit.report.EvidenceReport.FindingRow;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code results.json}, schemaVersion "3": one record per section, written by Jackson. Each record's components are
 * the fields of its JSON object in file order, and a {@code null} component is written as {@code null}, never left
 * out. This is the documented contract (README, and {@code docs/schemas/results-v3.schema.json}, which the tests
 * hold every output to): a change here changes the schema version.
 *
 * @param accounts written one at a time as the array is serialized, each mapped from its {@link AccountRow} only
 *     then, so the file's size does not decide the heap (10,000+ accounts)
 */
record ResultsDocument(String schemaVersion, Run run, Organization organization, List<ExceptionEntry> exceptions,
                       Summary summary, Trend trend, Remediation remediation, List<PrivilegedAction> privilegedActions,
                       Iterable<Account> accounts) {

    /**
     * "3" added the MFA type NON_VIRTUAL and lets the management account's root have no password creation date,
     * certificate upload date or MFA serial (the APIs readable there give none); "2" added
     * {@code summary.controls[].title}. {@code docs/schemas/results-v1.schema.json} and {@code -v2} describe those.
     */
    static final String SCHEMA_VERSION = "3";

    /** @param json reads the configuration stored with the run, so it is written as JSON, not as a string */
    static ResultsDocument of(EvidenceReport report, JsonMapper json) {
        return new ResultsDocument(SCHEMA_VERSION, Run.of(report.run(), json), Organization.of(report),
                each(report.exceptions(), ExceptionEntry::of), Summary.of(report.summary()), Trend.of(report.trend()),
                Remediation.of(report.remediation()), each(report.privilegedActions(), PrivilegedAction::of),
                lazily(report.accounts(), Account::of));
    }

    private static <T, R> List<R> each(List<T> rows, Function<T, R> section) {
        return rows.stream().map(section).toList();
    }

    /** A view that maps each element when it is reached, not before: nothing of the whole array is held. */
    private static <T, R> Iterable<R> lazily(List<T> rows, Function<T, R> section) {
        return () -> rows.stream().map(section).iterator();
    }

    record Run(String runId, String period, int attempt, Instant startedAt, Instant endedAt, String toolVersion,
               String callerArn, String configurationSha256, JsonNode configuration) {

        static Run of(EvidenceReport.RunInfo run, JsonMapper json) {
            return new Run(run.runId(), run.period(), run.attempt(), run.startedAt(), run.endedAt(), run.toolVersion(),
                    run.callerArn(), run.configDigest(), json.readTree(run.configJson()));
        }
    }

    record Organization(String organizationId, String managementAccountId, String callerRole,
                        List<String> enabledFeatures, List<Check> checks, List<Finding> findings) {

        static Organization of(EvidenceReport report) {
            return new Organization(report.run().organizationId(), report.run().managementAccountId(),
                    report.run().callerRole(), report.organization().enabledFeatures(),
                    each(report.organization().checks(), Check::of), each(report.organization().findings(), Finding::of));
        }
    }

    /** A preflight check; {@code fix} is {@code null} when it passed. */
    record Check(String id, String title, PrerequisiteCheck.Outcome outcome, String detail, String fix) {

        static Check of(PrerequisiteCheck c) {
            return new Check(c.id(), c.title(), c.outcome(), c.detail(), c.fix());
        }
    }

    /** An entry of the exceptions register, {@code ACTIVE} or {@code EXPIRED} on the day the run ended. */
    record ExceptionEntry(String account, List<String> rules, String reason, String approver, String ticket,
                          LocalDate expires, String status) {

        static ExceptionEntry of(EvidenceReport.ExceptionRow e) {
            return new ExceptionEntry(e.accountId(), e.rules(), e.reason(), e.approver(), e.ticket(), e.expires(),
                    e.status());
        }
    }

    record Summary(int accounts, Map<AccountStatus, Integer> byStatus, Map<Severity, Integer> openFindingsBySeverity,
                   Double complianceRate, List<RuleTally> rules, List<ControlTally> controls) {

        static Summary of(EvidenceReport.Summary s) {
            return new Summary(s.accounts(), s.byStatus(), s.openFindingsBySeverity(), s.complianceRate(),
                    each(s.rules(), r -> new RuleTally(r.ruleId(), r.title(), r.severity(), Counts.of(r.tally()))),
                    each(s.controls(), c -> new ControlTally(c.framework(), c.controlId(), c.title(),
                            Counts.of(c.tally()))));
        }
    }

    record RuleTally(String ruleId, String title, Severity severity, @JsonUnwrapped Counts counts) {}

    record ControlTally(String framework, String controlId, String title, @JsonUnwrapped Counts counts) {}

    /** A {@link Tally} in the order of the file. */
    record Counts(int passed, int failed, int excepted, int notAssessed) {

        static Counts of(Tally t) {
            return new Counts(t.passed(), t.failed(), t.excepted(), t.notAssessed());
        }
    }

    /** Counts of the comparison with the previous run; the per-finding changes are in the XLSX and PDF. */
    record Trend(String previousRunId, String previousPeriod, Double previousComplianceRate,
                 Double complianceRateChange, int newFindings, int resolvedFindings, int stillOpenFindings) {

        /** {@code null} for the organization's first run. */
        static Trend of(EvidenceReport.Trend t) {
            return t == null ? null : new Trend(t.previousRunId(), t.previousPeriod(), t.previousComplianceRate(),
                    t.complianceRateChange(), t.newFindings(), t.resolvedFindings(), t.stillOpenFindings());
        }
    }

    /** The run's remediation step: its mode and, per account considered, the decision, credentials and actions. */
    record Remediation(String mode, List<RemediationAccount> accounts) {

        /** {@code null} when remediation was off. */
        static Remediation of(EvidenceReport.Remediation r) {
            return r == null ? null : new Remediation(r.mode(), each(r.accounts(), RemediationAccount::of));
        }
    }

    /** {@code before} and {@code after} in the {@code rootCredentials} format of the accounts. */
    record RemediationAccount(String accountId, String decision, String reason, Credentials before, Credentials after,
                              List<Action> actions) {

        static RemediationAccount of(EvidenceReport.RemediationRow a) {
            return new RemediationAccount(a.accountId(), a.decision(), a.reason(), Credentials.of(a.before()),
                    Credentials.of(a.after()), each(a.actions(), Action::of));
        }
    }

    record Action(String type, String target, String status, String detail, Instant at) {

        static Action of(EvidenceReport.ActionRow x) {
            return new Action(x.type(), x.target(), x.status(), x.detail(), x.at());
        }
    }

    /** A privileged command recorded since the previous completed run of the organization started. */
    record PrivilegedAction(String id, String command, String accountId, String accountName, String target,
                            String callerArn, Instant at, String reason, String ticket, boolean dryRun, String result,
                            String detail) {

        static PrivilegedAction of(EvidenceReport.PrivilegedActionRow a) {
            return new PrivilegedAction(a.id(), a.command(), a.accountId(), a.accountName(), a.target(), a.callerArn(),
                    a.at(), a.reason(), a.ticket(), a.dryRun(), a.result(), a.detail());
        }
    }

    record Account(String accountId, String name, String email, String ouPath, String state, Instant joinedAt,
                   Map<String, String> tags, AccountStatus status, String statusReason, Severity highestSeverity,
                   Instant auditedAt, Credentials rootCredentials, List<Finding> findings, AccountError error) {

        static Account of(AccountRow a) {
            return new Account(a.accountId(), a.name(), a.email(), a.ouPath(), a.state(), a.joinedAt(), a.tags(),
                    a.status(), a.statusReason(), a.highestSeverity(), a.auditedAt(), Credentials.of(a.inventory()),
                    each(a.findings(), Finding::of), AccountError.of(a.error()));
        }
    }

    /** Why an account could not be audited: the AWS error code and message. */
    record AccountError(String code, String message) {

        static AccountError of(AuditError e) {
            return e == null ? null : new AccountError(e.code(), e.message());
        }
    }

    /** What the audit found of a root user's credentials. */
    record Credentials(String rootArn, boolean credentialLess, Password password, List<AccessKey> accessKeys,
                       List<SigningCertificate> signingCertificates, List<MfaDevice> mfaDevices) {

        /** {@code null} for no inventory (the account was not audited successfully, or not re-audited). */
        static Credentials of(RootCredentialInventory inv) {
            return inv == null ? null : new Credentials(inv.rootArn(), inv.isCredentialLess(), Password.of(inv.password()),
                    each(inv.accessKeys(), AccessKey::of), each(inv.signingCertificates(), SigningCertificate::of),
                    each(inv.mfaDevices(), MfaDevice::of));
        }
    }

    record Password(Instant createdAt, Instant lastUsedAt, boolean resetRequired) {

        static Password of(RootCredentialInventory.Password p) {
            return p == null ? null : new Password(p.createdAt(), p.lastUsedAt(), p.resetRequired());
        }
    }

    record AccessKey(String accessKeyId, CredentialStatus status, Instant createdAt, Instant lastUsedAt,
                     String lastUsedService, String lastUsedRegion) {

        static AccessKey of(RootCredentialInventory.AccessKey k) {
            return new AccessKey(k.accessKeyId(), k.status(), k.createdAt(), k.lastUsedAt(), k.lastUsedService(),
                    k.lastUsedRegion());
        }
    }

    record SigningCertificate(String certificateId, CredentialStatus status, Instant uploadedAt) {

        static SigningCertificate of(RootCredentialInventory.SigningCertificate c) {
            return new SigningCertificate(c.certificateId(), c.status(), c.uploadedAt());
        }
    }

    record MfaDevice(String serialNumber, MfaType type, Instant enabledAt) {

        static MfaDevice of(RootCredentialInventory.MfaDevice d) {
            return new MfaDevice(d.serialNumber(), d.type(), d.enabledAt());
        }
    }

    /** A finding of an account or of the organization; {@code exceptionReference} is {@code null} when open. */
    record Finding(String ruleId, String title, Severity severity, List<String> controls, String detail,
                   String resource, boolean excepted, String exceptionReference, String remediation) {

        static Finding of(FindingRow f) {
            return new Finding(f.ruleId(), f.title(), f.severity(), f.controls(), f.detail(), f.resource(), f.excepted(),
                    f.exceptionReference(), f.remediation());
        }
    }
}
