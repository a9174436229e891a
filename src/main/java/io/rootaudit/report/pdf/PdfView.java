package io.rootaudit.report.pdf;

import io.rootaudit.audit.RootCredentialInventory;
import io.rootaudit.compliance.AccountStatus;
import io.rootaudit.compliance.Severity;
import io.rootaudit.compliance.Tally;
import io.rootaudit.organization.PrerequisiteCheck;
import io.rootaudit.report.EvidenceReport;
import io.rootaudit.report.EvidenceReport.AccountRow;
import io.rootaudit.report.EvidenceReport.Change;
import io.rootaudit.report.EvidenceReport.FindingChange;
import io.rootaudit.report.EvidenceReport.FindingRow;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the PDF template shows, computed from the {@link EvidenceReport}: every value is already a display
 * string, so the template only places text (always with {@code th:text}, which escapes it) and holds no logic
 * beyond loops and conditions. Untrusted text is also stripped of characters that XML 1.0 cannot carry, so a
 * hostile account name cannot break the XHTML that openhtmltopdf parses.
 */
record PdfView(Cover cover, Summary summary, Organization organization, List<AccountFindings> nonCompliant,
               List<Remediation> remediations, int nonCompliantFindings, List<ExceptionLine> activeExceptions,
               List<ExceptionLine> expiredExceptions, RemediationStep remediationStep,
               List<PrivilegedLine> privilegedActions, Changes changes, List<Unaudited> errors,
               List<Unaudited> notAudited, List<AppendixRow> appendix) {

    /** At most this many new/resolved findings are listed; the totals always count all of them. */
    static final int MAX_CHANGES = 500;
    /** At most this many accounts of the remediation step are listed; the counts by decision always count all. */
    static final int MAX_REMEDIATION_ACCOUNTS = 500;
    /** Longer untrusted strings (AWS error messages, details) are cut, so one value cannot fill pages. */
    static final int MAX_TEXT = 400;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    record Cover(String title, String subject, String author, String organizationId, String managementAccountId,
                 String period, String runId, String attempt, String startedAt, String endedAt, String generatedAt,
                 String toolVersion, String resultsSha256, String configDigest, String callerArn, String callerRole,
                 boolean resultsAttached, String signature) {}

    record Summary(String accounts, String complianceRate, List<StatusBar> statuses, List<Count> severities,
                   String openFindings, Trend trend, List<RuleLine> rules, List<FrameworkControls> frameworks) {}

    /** One bar of the status chart; {@code width} is a CSS percentage of the largest count. */
    record StatusBar(String status, String label, String count, String share, String width, String cssClass) {}

    record Count(String label, String count, String cssClass) {}

    /** {@code firstRun} true when there is no previous run to compare with; the other fields are then empty. */
    record Trend(boolean firstRun, String previousRunId, String previousPeriod, String previousEndedAt,
                 String previousRate, String rateChange, String newFindings, String resolvedFindings,
                 String stillOpenFindings) {}

    record RuleLine(String ruleId, String title, String severity, String failed, String excepted, String passed,
                    String notAssessed) {}

    /** The controls of one framework, in report order; {@code framework} is its name and version. */
    record FrameworkControls(String framework, List<ControlLine> controls) {}

    record ControlLine(String controlId, String title, String failed, String excepted, String passed, String notAssessed) {}

    record Organization(String enabledFeatures, List<Check> checks, List<FindingLine> findings) {}

    record Check(String title, String outcome, String cssClass, String detail, String fix) {}

    /** @param owner the account's owner, empty when owner routing is off */
    record AccountFindings(String accountId, String name, String ouPath, String owner, String status, String cssClass,
                           String highestSeverity, List<FindingLine> findings) {}

    record FindingLine(String severity, String cssClass, String ruleId, String title, String detail, String controls,
                       String exception) {
        /** "· rule · detail[ · exception TICKET]": one text run per finding keeps the 10,000-account layout cheap. */
        public String line() {
            return "· " + ruleId + " · " + detail + (exception.isEmpty() ? "" : " · exception " + exception);
        }
    }

    record Remediation(String ruleId, String title, String severity, String controls, String remediation) {}

    /**
     * The run's remediation step. {@code off} true when remediation was off for the run; the other fields are then
     * empty. {@code accounts} are those the step changed or tried to change (failed first), each shown as its own
     * table; {@code skipped} those it left alone on purpose, in one table.
     */
    record RemediationStep(boolean off, String mode, String considered, List<Count> decisions,
                           List<RemediationAccount> accounts, List<RemediationAccount> skipped, boolean capped,
                           String cappedNote) {}

    /** @param credentials the root user's credentials before and after, as "password, 1 access key → none" */
    record RemediationAccount(String accountId, String name, String decision, String cssClass, String reason,
                              String credentials, List<ActionLine> actions) {}

    record ActionLine(String type, String target, String status, String cssClass, String detail, String at) {}

    /** @param dryRun "dry run" or empty */
    record PrivilegedLine(String at, String command, String dryRun, String target, String accountId, String accountName,
                          String caller, String ticket, String reason, String result, String cssClass, String detail) {}

    record ExceptionLine(String accountId, String accountName, String rules, String reason, String approver,
                         String ticket, String expires) {}

    record Changes(boolean firstRun, String newCount, String resolvedCount, List<ChangeLine> rows, boolean capped,
                   String cappedNote) {}

    record ChangeLine(String change, String accountId, String accountName, String ruleId, String severity, String detail) {}

    record Unaudited(String accountId, String name, String ouPath, String status, String code, String message) {}

    record AppendixRow(String id, String name, String ou, String status, String cssClass, String severity) {}

    /** Rows per table section ({@code <tbody>}) of the long tables; see {@link #sections(List)}. */
    static final int SECTION_ROWS = 50;

    /** The appendix in table sections of {@value #SECTION_ROWS} rows (see {@link #sections(List)}). */
    public List<List<AppendixRow>> appendixSections() {
        return sections(appendix);
    }

    /** The findings table in table sections of {@value #SECTION_ROWS} rows (see {@link #sections(List)}). */
    public List<List<AccountFindings>> nonCompliantSections() {
        return sections(nonCompliant);
    }

    /**
     * A long table's rows cut into consecutive sections. openhtmltopdf recomputes the cell widths of a whole
     * {@code <tbody>} every time a row of it moves to the next page, so one section of 10,000 rows costs
     * rows x pages; sections of a few dozen rows keep that work proportional to the rows. The table looks the same.
     */
    static <T> List<List<T>> sections(List<T> rows) {
        List<List<T>> sections = new ArrayList<>((rows.size() + SECTION_ROWS - 1) / SECTION_ROWS);
        for (int i = 0; i < rows.size(); i += SECTION_ROWS) {
            sections.add(rows.subList(i, Math.min(rows.size(), i + SECTION_ROWS)));
        }
        return sections;
    }

    static PdfView of(EvidenceReport report, String resultsSha256, boolean resultsAttached) {
        return of(report, resultsSha256, resultsAttached, null);
    }

    /** @param signingKeyId the KMS key that signs the pack's manifest.json, or null when the pack is not signed */
    static PdfView of(EvidenceReport report, String resultsSha256, boolean resultsAttached, String signingKeyId) {
        List<AccountRow> accounts = report.accounts() == null ? List.of() : report.accounts();
        return new PdfView(cover(report, resultsSha256, resultsAttached, signingKeyId), summary(report),
                organization(report.organization()), nonCompliant(accounts), remediations(report, accounts),
                (int) accounts.stream().filter(PdfView::hasFindingsSection).mapToLong(a -> a.findings() == null ? 0 : a.findings().size()).sum(),
                exceptions(report, "ACTIVE", true), exceptions(report, "ACTIVE", false),
                remediationStep(report.remediation()), privilegedActions(report.privilegedActions()),
                changes(report.trend()),
                errors(accounts), notAudited(accounts), appendix(accounts));
    }

    /**
     * The signature row names the key that is configured to sign, not the signature itself: the PDF is one of the
     * files the signed manifest pins, so it cannot carry the signature.
     */
    private static Cover cover(EvidenceReport report, String resultsSha256, boolean resultsAttached, String signingKeyId) {
        EvidenceReport.RunInfo run = report.run();
        String org = text(run.organizationId());
        String period = text(run.period());
        String tool = "rootaudit " + text(run.toolVersion());
        return new Cover("Root user evidence report – " + org + " – " + period,
                "Audit of the root users of the member accounts of AWS Organization " + org + ", period " + period
                        + ", run " + text(run.runId()),
                tool, org, text(run.managementAccountId()), period, text(run.runId()), String.valueOf(run.attempt()),
                time(run.startedAt()), time(run.endedAt()), time(run.generatedAt()), tool,
                resultsSha256 == null ? "not computed" : text(resultsSha256), orDash(run.configDigest()),
                orDash(run.callerArn()), orDash(run.callerRole()), resultsAttached,
                signingKeyId == null || signingKeyId.isBlank()
                        ? "Not signed: manifest.json proves the pack's integrity, not who made it"
                        : "Signed: manifest.json is signed with AWS KMS key " + text(signingKeyId)
                                + "; the signature is in manifest.sig.json beside it");
    }

    private static Summary summary(EvidenceReport report) {
        EvidenceReport.Summary s = report.summary();
        Map<AccountStatus, Integer> byStatus = s.byStatus() == null ? Map.of() : s.byStatus();
        int max = 1;
        for (AccountStatus status : AccountStatus.values()) {
            max = Math.max(max, byStatus.getOrDefault(status, 0));
        }
        List<StatusBar> bars = new ArrayList<>();
        for (AccountStatus status : AccountStatus.values()) {
            int n = byStatus.getOrDefault(status, 0);
            bars.add(new StatusBar(status.name(), statusLabel(status), String.valueOf(n),
                    s.accounts() == 0 ? "–" : percent((double) n / s.accounts()),
                    String.format(Locale.ROOT, "%.1f", n == 0 ? 0.0 : Math.max(0.5, 100.0 * n / max)),
                    cssClass(status)));
        }
        Map<Severity, Integer> bySeverity = s.openFindingsBySeverity() == null ? Map.of() : s.openFindingsBySeverity();
        List<Count> severities = new ArrayList<>();
        int open = 0;
        for (Severity severity : Severity.values()) {
            int n = bySeverity.getOrDefault(severity, 0);
            open += n;
            severities.add(new Count(severity.name(), String.valueOf(n), cssClass(severity)));
        }
        List<RuleLine> rules = s.rules() == null ? List.of() : s.rules().stream()
                .map(r -> new RuleLine(text(r.ruleId()), text(r.title()), name(r.severity()), failed(r.tally()),
                        excepted(r.tally()), passed(r.tally()), notAssessed(r.tally())))
                .toList();
        Map<String, List<ControlLine>> byFramework = new LinkedHashMap<>();
        if (s.controls() != null) {
            s.controls().forEach(c -> byFramework.computeIfAbsent(text(c.framework()), f -> new ArrayList<>())
                    .add(new ControlLine(text(c.controlId()), text(c.title()), failed(c.tally()), excepted(c.tally()),
                            passed(c.tally()), notAssessed(c.tally()))));
        }
        List<FrameworkControls> frameworks = byFramework.entrySet().stream()
                .map(e -> new FrameworkControls(e.getKey(), List.copyOf(e.getValue()))).toList();
        return new Summary(String.valueOf(s.accounts()),
                s.complianceRate() == null ? "not applicable (no account was assessed)" : percent(s.complianceRate()),
                bars, severities, String.valueOf(open), trend(report.trend()), rules, frameworks);
    }

    private static Trend trend(EvidenceReport.Trend t) {
        if (t == null) {
            return new Trend(true, "", "", "", "", "", "", "", "");
        }
        String change;
        if (t.complianceRateChange() == null) {
            change = "not computable (one of the two runs assessed no account)";
        } else {
            double points = t.complianceRateChange() * 100;
            change = Math.abs(points) < 0.05 ? "unchanged (0.0 percentage points)"
                    : String.format(Locale.ROOT, "%+.1f percentage points", points);
        }
        return new Trend(false, text(t.previousRunId()), text(t.previousPeriod()), time(t.previousEndedAt()),
                t.previousComplianceRate() == null ? "not applicable" : percent(t.previousComplianceRate()), change,
                String.valueOf(t.newFindings()), String.valueOf(t.resolvedFindings()), String.valueOf(t.stillOpenFindings()));
    }

    private static Organization organization(EvidenceReport.OrganizationView org) {
        if (org == null) {
            return new Organization("not read", List.of(), List.of());
        }
        List<String> features = org.enabledFeatures() == null ? List.of() : org.enabledFeatures();
        List<Check> checks = org.checks() == null ? List.of() : org.checks().stream()
                .map(c -> new Check(text(c.title()), name(c.outcome()), cssClass(c.outcome()), clip(c.detail()),
                        clip(c.fix())))
                .toList();
        List<FindingLine> findings = org.findings() == null ? List.of()
                : org.findings().stream().map(PdfView::finding).toList();
        return new Organization(features.isEmpty() ? "none" : text(String.join(", ", features)), checks, findings);
    }

    private static boolean hasFindingsSection(AccountRow a) {
        return a.status() == AccountStatus.NON_COMPLIANT || a.status() == AccountStatus.EXCEPTED;
    }

    private static List<AccountFindings> nonCompliant(List<AccountRow> accounts) {
        Comparator<AccountRow> order = Comparator
                .comparing((AccountRow a) -> a.status() == AccountStatus.NON_COMPLIANT ? 0 : 1)
                .thenComparing(a -> a.highestSeverity() == null ? Severity.values().length : a.highestSeverity().ordinal())
                .thenComparing(a -> a.accountId() == null ? "" : a.accountId());
        return accounts.stream().filter(PdfView::hasFindingsSection).sorted(order)
                .map(a -> new AccountFindings(text(a.accountId()), text(a.name()), text(a.ouPath()),
                        a.owner() == null ? "" : text(a.owner()), name(a.status()),
                        cssClass(a.status()), name(a.highestSeverity()),
                        a.findings() == null ? List.of() : a.findings().stream().map(PdfView::finding).toList()))
                .toList();
    }

    private static FindingLine finding(FindingRow f) {
        return new FindingLine(name(f.severity()), cssClass(f.severity()), text(f.ruleId()), text(f.title()),
                clip(f.detail()), f.controls() == null ? "" : text(String.join(", ", f.controls())),
                f.exceptionReference() == null ? "" : text(f.exceptionReference()));
    }

    /** Each rule's remediation once, for the rules with at least one finding (organization rules first). */
    private static List<Remediation> remediations(EvidenceReport report, List<AccountRow> accounts) {
        Map<String, FindingRow> byRule = new LinkedHashMap<>();
        if (report.organization() != null && report.organization().findings() != null) {
            report.organization().findings().forEach(f -> byRule.putIfAbsent(f.ruleId(), f));
        }
        for (AccountRow a : accounts) {
            if (a.findings() != null) {
                a.findings().forEach(f -> byRule.putIfAbsent(f.ruleId(), f));
            }
        }
        return byRule.values().stream()
                .sorted(Comparator.comparing((FindingRow f) -> f.severity() == null ? 99 : f.severity().ordinal())
                        .thenComparing(f -> f.ruleId() == null ? "" : f.ruleId()))
                .map(f -> new Remediation(text(f.ruleId()), text(f.title()), name(f.severity()),
                        f.controls() == null ? "" : text(String.join(", ", f.controls())),
                        f.remediation() == null ? "See the rule's documentation." : text(f.remediation())))
                .toList();
    }

    private static List<ExceptionLine> exceptions(EvidenceReport report, String status, boolean matching) {
        if (report.exceptions() == null) {
            return List.of();
        }
        return report.exceptions().stream()
                .filter(e -> status.equals(e.status()) == matching)
                .map(e -> new ExceptionLine(text(e.accountId()), text(e.accountName()),
                        e.rules() == null || e.rules().isEmpty() ? "all rules" : text(String.join(", ", e.rules())),
                        clip(e.reason()), text(e.approver()), text(e.ticket()), date(e.expires())))
                .toList();
    }

    private static RemediationStep remediationStep(EvidenceReport.Remediation r) {
        if (r == null) {
            return new RemediationStep(true, "", "0", List.of(), List.of(), List.of(), false, "");
        }
        List<EvidenceReport.RemediationRow> all = r.accounts() == null ? List.of() : r.accounts();
        List<Count> decisions = new ArrayList<>();
        r.byDecision().forEach((d, n) -> decisions.add(new Count(text(d), String.valueOf(n), decisionClass(d))));
        // failed first: they are what an auditor must follow up; then the rest in account order
        List<EvidenceReport.RemediationRow> acted = all.stream().filter(a -> !leftAlone(a))
                .sorted(Comparator.comparing((EvidenceReport.RemediationRow a) -> "FAILED".equals(a.decision()) ? 0 : 1))
                .toList();
        List<EvidenceReport.RemediationRow> skipped = all.stream().filter(PdfView::leftAlone).toList();
        int room = MAX_REMEDIATION_ACCOUNTS;
        List<RemediationAccount> actedRows = acted.stream().limit(room).map(PdfView::remediationAccount).toList();
        List<RemediationAccount> skippedRows = skipped.stream().limit(Math.max(0, room - actedRows.size()))
                .map(PdfView::remediationAccount).toList();
        boolean capped = actedRows.size() + skippedRows.size() < all.size();
        return new RemediationStep(false, text(r.mode()), String.valueOf(all.size()), decisions, actedRows, skippedRows,
                capped, capped ? "Only " + MAX_REMEDIATION_ACCOUNTS + " of the " + all.size()
                        + " accounts of the remediation step are listed here (failed first). The workbook's Remediation "
                        + "sheet and the attached results.json list every account and action." : "");
    }

    /** An account the step decided not to touch: skipped, without any action. */
    private static boolean leftAlone(EvidenceReport.RemediationRow a) {
        return a.decision() != null && a.decision().startsWith("SKIPPED_") && (a.actions() == null || a.actions().isEmpty());
    }

    private static RemediationAccount remediationAccount(EvidenceReport.RemediationRow a) {
        List<ActionLine> actions = a.actions() == null ? List.of() : a.actions().stream()
                .map(x -> new ActionLine(text(x.type()), text(x.target()), text(x.status()), statusClass(x.status()),
                        clip(x.detail()), time(x.at())))
                .toList();
        return new RemediationAccount(text(a.accountId()), text(a.accountName()), text(a.decision()),
                decisionClass(a.decision()), clip(a.reason()),
                credentials(a.before()) + " → " + (a.after() != null ? credentials(a.after())
                        : leftAlone(a) || "PLANNED".equals(a.decision()) ? "unchanged" : "not re-audited"),
                actions);
    }

    /**
     * A root user's credentials in a few words: "password, 1 access key, 2 MFA (VIRTUAL, HARDWARE)", "none" when
     * it has none, "not recorded" without an inventory.
     */
    static String credentials(RootCredentialInventory inv) {
        if (inv == null) {
            return "not recorded";
        }
        List<String> parts = new ArrayList<>();
        if (inv.password() != null) {
            parts.add("password");
        }
        if (!inv.accessKeys().isEmpty()) {
            parts.add(plural(inv.accessKeys().size(), "access key"));
        }
        if (!inv.signingCertificates().isEmpty()) {
            parts.add(plural(inv.signingCertificates().size(), "signing certificate"));
        }
        if (!inv.mfaDevices().isEmpty()) {
            parts.add(inv.mfaDevices().size() + " MFA (" + inv.mfaDevices().stream()
                    .map(d -> d.type() == null ? "unknown" : d.type().name()).collect(Collectors.joining(", ")) + ")");
        }
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    private static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static List<PrivilegedLine> privilegedActions(List<EvidenceReport.PrivilegedActionRow> actions) {
        return actions.stream()
                .map(a -> new PrivilegedLine(time(a.at()), text(a.command()), a.dryRun() ? "dry run" : "", clip(a.target()),
                        a.accountId() == null ? "organization" : text(a.accountId()), text(a.accountName()),
                        text(a.callerArn()), text(a.ticket()), clip(a.reason()), text(a.result()), resultClass(a.result()),
                        clip(a.detail())))
                .toList();
    }

    private static String decisionClass(String decision) {
        if (decision == null) {
            return "";
        }
        return switch (decision) {
            case "REMEDIATED" -> "rem-done";
            case "FAILED" -> "rem-failed";
            case "PLANNED", "PENDING" -> "rem-planned";
            default -> "rem-skipped";
        };
    }

    private static String statusClass(String status) {
        if (status == null) {
            return "";
        }
        return switch (status) {
            case "DONE", "ALREADY_GONE" -> "rem-done";
            case "FAILED" -> "rem-failed";
            default -> "rem-skipped";
        };
    }

    private static String resultClass(String result) {
        if (result == null) {
            return "";
        }
        return switch (result) {
            case "DONE" -> "rem-done";
            case "FAILED", "REFUSED" -> "rem-failed";
            default -> "rem-skipped";
        };
    }

    private static Changes changes(EvidenceReport.Trend t) {
        if (t == null) {
            return new Changes(true, "0", "0", List.of(), false, "");
        }
        List<FindingChange> listed = t.changes() == null ? List.of()
                : t.changes().stream().filter(c -> c.change() == Change.NEW || c.change() == Change.RESOLVED).toList();
        List<ChangeLine> rows = listed.stream()
                .sorted(Comparator.comparing((FindingChange c) -> c.change().ordinal())
                        .thenComparing(c -> c.severity() == null ? 99 : c.severity().ordinal())
                        .thenComparing(c -> c.accountId() == null ? "" : c.accountId()))
                .limit(MAX_CHANGES)
                .map(c -> new ChangeLine(c.change().name(), text(c.accountId()), text(c.accountName()), text(c.ruleId()),
                        name(c.severity()), clip(c.detail())))
                .toList();
        boolean capped = listed.size() > rows.size();
        return new Changes(false, String.valueOf(t.newFindings()), String.valueOf(t.resolvedFindings()), rows, capped,
                capped ? "Only the first " + MAX_CHANGES + " of " + listed.size()
                        + " new and resolved findings are listed here (new before resolved, most severe first). "
                        + "Compare the attached results.json with the previous run's for the complete list." : "");
    }

    private static List<Unaudited> errors(List<AccountRow> accounts) {
        return accounts.stream().filter(a -> a.status() == AccountStatus.ERROR)
                .map(a -> new Unaudited(text(a.accountId()), text(a.name()), text(a.ouPath()), name(a.status()),
                        a.error() == null ? "unknown" : text(a.error().code()),
                        a.error() == null ? clip(a.statusReason()) : clip(a.error().message())))
                .toList();
    }

    private static List<Unaudited> notAudited(List<AccountRow> accounts) {
        return accounts.stream()
                .filter(a -> a.status() == AccountStatus.SKIPPED || a.status() == AccountStatus.NOT_APPLICABLE)
                .map(a -> new Unaudited(text(a.accountId()), text(a.name()), text(a.ouPath()), name(a.status()), "",
                        a.statusReason() == null ? "" : clip(a.statusReason())))
                .toList();
    }

    private static List<AppendixRow> appendix(List<AccountRow> accounts) {
        List<AppendixRow> rows = new ArrayList<>(accounts.size());
        for (AccountRow a : accounts) {
            rows.add(new AppendixRow(text(a.accountId()), text(a.name()), text(a.ouPath()), name(a.status()),
                    cssClass(a.status()), a.highestSeverity() == null ? "" : a.highestSeverity().name()));
        }
        return rows;
    }

    static String statusLabel(AccountStatus status) {
        return switch (status) {
            case COMPLIANT -> "Compliant";
            case NON_COMPLIANT -> "Non-compliant";
            case EXCEPTED -> "Excepted";
            case ERROR -> "Error (not audited)";
            case NOT_APPLICABLE -> "Not applicable";
            case SKIPPED -> "Skipped";
        };
    }

    private static String cssClass(AccountStatus status) {
        return status == null ? "" : "st-" + status.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String cssClass(Severity severity) {
        return severity == null ? "" : "sev-" + severity.name().toLowerCase(Locale.ROOT);
    }

    private static String cssClass(PrerequisiteCheck.Outcome outcome) {
        return outcome == null ? "" : "chk-" + outcome.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String failed(Tally t) {
        return t == null ? "" : String.valueOf(t.failed());
    }

    private static String excepted(Tally t) {
        return t == null ? "" : String.valueOf(t.excepted());
    }

    private static String passed(Tally t) {
        return t == null ? "" : String.valueOf(t.passed());
    }

    private static String notAssessed(Tally t) {
        return t == null ? "" : String.valueOf(t.notAssessed());
    }

    static String percent(double rate) {
        return String.format(Locale.ROOT, "%.1f %%", rate * 100);
    }

    private static String name(Enum<?> e) {
        return e == null ? "" : e.name();
    }

    private static String time(Instant t) {
        return t == null ? "–" : TIME.format(t);
    }

    private static String date(LocalDate d) {
        return d == null ? "" : d.toString();
    }

    private static String orDash(String s) {
        return s == null || s.isBlank() ? "–" : text(s);
    }

    /** {@link #text} cut to {@link #MAX_TEXT} characters. */
    static String clip(String s) {
        String t = text(s);
        return t.length() <= MAX_TEXT ? t : t.substring(0, MAX_TEXT) + "… [cut; full text in results.json]";
    }

    /**
     * Untrusted text made safe to carry in XML 1.0: {@code null} becomes empty, and characters XML 1.0 forbids
     * (control characters other than tab and line breaks, lone surrogates, U+FFFE/U+FFFF) become U+FFFD.
     * Markup characters are left alone: Thymeleaf's {@code th:text} escapes them.
     */
    static String text(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok;
            if (Character.isHighSurrogate(c)) {
                ok = i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
                if (ok) {
                    if (out != null) {
                        out.append(c).append(s.charAt(i + 1));
                    }
                    i++;
                    continue;
                }
            } else if (Character.isLowSurrogate(c)) {
                ok = false;
            } else {
                ok = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c != 0xFFFE && c != 0xFFFF);
            }
            if (!ok && out == null) {
                out = new StringBuilder(s.length()).append(s, 0, i);
            }
            if (out != null) {
                out.append(ok ? c : '\uFFFD');
            }
        }
        return out == null ? s : out.toString();
    }
}
