package io.rootaudit.report.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootaudit.compliance.AccountStatus;
import io.rootaudit.report.EvidenceReport;
import io.rootaudit.report.EvidenceReport.AccountRow;
import io.rootaudit.devtools.benchmark.SyntheticEvidence;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDDocumentOutline;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineItem;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;

/** Renders synthetic evidence (with hostile names) and checks the PDF with veraPDF and PDFBox. */
class PdfReportWriterTest {

    private static final String RESULTS_JSON = "{\"schemaVersion\":\"2\",\"note\":\"Zürich – 東京\",\"accounts\":[]}\n";

    private static final PdfReportWriter WRITER = new PdfReportWriter();
    private static EvidenceReport report;
    private static byte[] pdf;
    private static String text;

    @BeforeAll
    static void render(@TempDir Path folder) throws IOException {
        report = SyntheticEvidence.of(120);
        Files.writeString(folder.resolve("results.json"), RESULTS_JSON, StandardCharsets.UTF_8);
        pdf = render(report, folder);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            text = textOf(doc);
        }
    }

    @Test
    void isValidPdfA3b() throws Exception {
        VeraGreenfieldFoundryProvider.initialise();
        try (PDFAParser parser = Foundries.defaultInstance().createParser(new ByteArrayInputStream(pdf));
             PDFAValidator validator = Foundries.defaultInstance().createValidator(parser.getFlavour(), false)) {
            assertThat(parser.getFlavour()).isEqualTo(PDFAFlavour.PDFA_3_B);
            ValidationResult result = validator.validate(parser);
            List<String> failures = result.getTestAssertions().stream()
                    .filter(a -> a.getStatus() == TestAssertion.Status.FAILED)
                    .map(a -> a.getRuleId().getClause() + "-" + a.getRuleId().getTestNumber() + ": " + a.getMessage())
                    .distinct()
                    .toList();
            assertThat(failures).as("failed PDF/A-3b rules").isEmpty();
            assertThat(result.isCompliant()).isTrue();
        }
    }

    @Test
    void showsTheRunAndHostileNamesLiterally() {
        assertThat(text)
                .contains(report.run().organizationId())
                .contains(report.run().runId())
                .contains("Zürich – 東京")
                .contains("<script>alert(1)</script>")
                .contains("=HYPERLINK(\"http://evil.example\")")
                .contains("Page 1 of");
    }

    @Test
    void explainsTheMethodology() {
        assertThat(text)
                .contains("IAMAuditRootUserCredentials")
                .contains("IAM.6")
                .contains("IAM.9")
                .contains("NoSuchEntity")
                .contains("NOT_APPLICABLE")
                .contains("Compliance rate = (COMPLIANT + EXCEPTED) / (COMPLIANT + NON_COMPLIANT + EXCEPTED + ERROR)");
    }

    @Test
    void coversEverySectionAndEveryAccount() {
        assertThat(text).contains("1. Executive summary", "2. Organization prerequisites",
                "3. Non-compliant accounts and remediation", "4. Exceptions register", "5. Remediation",
                "6. Privileged actions", "7. Changes since the previous run",
                "8. Accounts that could not be audited, and why", "9. Methodology", "Appendix: every account");
        assertThat(text.indexOf("4. Exceptions register")).isLessThan(text.lastIndexOf("5. Remediation"));
        assertThat(text.lastIndexOf("6. Privileged actions")).isLessThan(text.lastIndexOf("7. Changes since the previous run"));
        // the change since the previous run, the exceptions and the accounts in error are shown
        assertThat(text).contains("+4.7 percentage points", "SEC-1", "SEC-2", "explicit deny in a service control policy",
                "account state is SUSPENDED");
        for (AccountRow account : report.accounts()) {
            assertThat(text).contains(account.accountId());
        }
        // each rule's remediation once, not once per finding
        assertThat(occurrences(text, "Delete the key with the IAMDeleteRootUserCredentials task.")).isEqualTo(1);
    }

    /** The appendix is cut into table sections of 50 rows; read back, it still lists every account once, in order. */
    @Test
    void appendixListsEveryAccountOnceInTheRunsOrderAcrossItsTableSections() {
        assertThat(report.accounts()).hasSizeGreaterThan(2 * PdfView.SECTION_ROWS);
        String appendix = text.substring(text.lastIndexOf("Appendix: every account"));
        int from = 0;
        for (AccountRow account : report.accounts()) {
            int at = appendix.indexOf(account.accountId(), from);
            assertThat(at).as("account %s after position %d of the appendix", account.accountId(), from).isPositive();
            assertThat(occurrences(appendix, account.accountId())).as(account.accountId()).isEqualTo(1);
            from = at;
        }
    }

    /**
     * Column headers wrap between words only: read back from the PDF, the headers of the result tables are whole
     * words ("Excepted", "Not" "assessed"), never pieces such as "Excepte" "d" or "Not ass" "essed".
     */
    @Test
    void resultTableHeadersBreakOnlyBetweenWords() {
        String byRule = between("Results by rule", "root-access-key-active");
        assertThat(words(byRule)).containsExactly("Rule", "Title", "Severity", "Failed", "Excepted", "Passed", "Not",
                "assessed");
        String byControl = between("Results by control", " 1.3 ");
        assertThat(byControl).contains("CIS AWS Foundations Benchmark v5.0.0");
        assertThat(words(byControl.substring(byControl.indexOf("CIS AWS Foundations Benchmark v5.0.0")
                + "CIS AWS Foundations Benchmark v5.0.0".length())))
                .containsExactly("Control", "Title", "Failed", "Excepted", "Passed", "Not", "assessed");
        // and each control's row shows its title
        assertThat(text).contains(report.summary().controls().get(0).title());
    }

    private static String between(String start, String end) {
        int from = text.indexOf(start);
        assertThat(from).as(start).isNotNegative();
        int to = text.indexOf(end, from);
        assertThat(to).as(end).isGreaterThan(from);
        return text.substring(from + start.length(), to);
    }

    private static List<String> words(String text) {
        return List.of(text.strip().split("\\s+"));
    }

    @Test
    void showsTheRemediationStepWithDecisionsActionsAndCredentialsBeforeAndAfter() {
        String section = text.substring(text.lastIndexOf("5. Remediation"), text.lastIndexOf("6. Privileged actions"));
        assertThat(section).contains("Mode APPLY", "Accounts considered 5")
                .contains("REMEDIATED", "FAILED", "SKIPPED_EXCEPTED", "SKIPPED_RECOVERY_IN_PROGRESS")
                .contains("DELETE_ACCESS_KEY", "DEACTIVATE_MFA_DEVICE", "DELETE_LOGIN_PROFILE", "login-profile",
                        "NOT_PERMITTED", "DONE")
                .contains("password, 1 access key, 1 MFA (VIRTUAL) → none")
                .contains("password, 1 access key, 1 MFA (VIRTUAL) → password")
                .contains("AccessDenied: explicit deny in a service control policy")
                .contains("an exception covers at least one finding of this account")
                .contains("a recovery in progress is left alone")
                .contains("=HYPERLINK(\"http://evil.example\") 3");
        // failed accounts come first
        assertThat(section.indexOf("Decision FAILED")).isPositive().isLessThan(section.indexOf("Decision REMEDIATED"));
        assertThat(section).doesNotContain("Remediation was off");
    }

    @Test
    void showsWhoAllowedWhichRecoveryAndWhy() {
        String section = text.substring(text.lastIndexOf("6. Privileged actions"),
                text.lastIndexOf("7. Changes since the previous run"));
        assertThat(section).contains("allow-recovery", "CHG-4711",
                        "Account owner must sign in as root to close the legacy support plan",
                        "unlock-s3-bucket-policy", "dry run", "INC-2026-1187", "DRY_RUN", "DONE")
                .contains(report.privilegedActions().get(1).accountId());
        assertThat(section.indexOf("unlock-s3-bucket-policy")).isLessThan(section.indexOf("allow-recovery"));
    }

    @Test
    void summarizesRootCredentials() {
        var a = report.accounts().get(3).inventory();
        assertThat(PdfView.credentials(a)).isEqualTo("password, 1 access key, 1 MFA (VIRTUAL)");
        var full = new io.rootaudit.audit.RootCredentialInventory(a.rootArn(), a.rootCreatedAt(), a.password(),
                List.of(a.accessKeys().get(0), a.accessKeys().get(0)),
                List.of(new io.rootaudit.audit.RootCredentialInventory.SigningCertificate("C1",
                        io.rootaudit.audit.RootCredentialInventory.CredentialStatus.ACTIVE, null)),
                List.of(a.mfaDevices().get(0), new io.rootaudit.audit.RootCredentialInventory.MfaDevice("GAHT1",
                        io.rootaudit.audit.MfaType.HARDWARE, null)));
        assertThat(PdfView.credentials(full))
                .isEqualTo("password, 2 access keys, 1 signing certificate, 2 MFA (VIRTUAL, HARDWARE)");
        assertThat(PdfView.credentials(io.rootaudit.audit.RootCredentialInventory.credentialLess("arn", null)))
                .isEqualTo("none");
        assertThat(PdfView.credentials(null)).isEqualTo("not recorded");
    }

    @Test
    void listsAtMostFiveHundredRemediationAccounts() {
        var skipped = new ArrayList<EvidenceReport.RemediationRow>();
        for (int i = 0; i < 600; i++) {
            skipped.add(new EvidenceReport.RemediationRow(String.format("%012d", i), "n" + i, "SKIPPED_LIMIT_EXCEEDED",
                    "600 accounts are eligible", null, null, List.of()));
        }
        skipped.add(0, report.remediation().accounts().get(0));
        EvidenceReport big = new EvidenceReport(report.run(), report.organization(), report.summary(), report.accounts(),
                report.exceptions(), report.trend(), null, new EvidenceReport.Remediation("APPLY", skipped), List.of());
        PdfView.RemediationStep step = PdfView.of(big, null, false).remediationStep();
        assertThat(step.accounts()).hasSize(1);
        assertThat(step.skipped()).hasSize(PdfView.MAX_REMEDIATION_ACCOUNTS - 1);
        assertThat(step.capped()).isTrue();
        assertThat(step.considered()).isEqualTo("601");
        assertThat(step.decisions()).extracting(PdfView.Count::label, PdfView.Count::count)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("REMEDIATED", "1"),
                        org.assertj.core.groups.Tuple.tuple("SKIPPED_LIMIT_EXCEEDED", "600"));
    }

    @Test
    void hasAnOutlineMetadataAndEmbeddedFonts() throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDDocumentOutline outline = doc.getDocumentCatalog().getDocumentOutline();
            assertThat(outline).isNotNull();
            List<String> titles = new ArrayList<>();
            for (PDOutlineItem item : outline.children()) {
                titles.add(item.getTitle());
                assertThat(item.getDestination()).as("destination of %s", item.getTitle()).isNotNull();
            }
            assertThat(titles).containsExactly("Cover", "1. Executive summary", "2. Organization prerequisites",
                    "3. Non-compliant accounts and remediation", "4. Exceptions register", "5. Remediation",
                    "6. Privileged actions", "7. Changes since the previous run", "8. Accounts that could not be audited",
                    "9. Methodology", "Appendix: every account");

            PDDocumentInformation info = doc.getDocumentInformation();
            assertThat(info.getTitle()).contains(report.run().organizationId()).contains(report.run().period());
            assertThat(info.getAuthor()).startsWith("rootaudit");
            assertThat(info.getSubject()).contains(report.run().runId());

            Set<String> fonts = new HashSet<>();
            for (PDPage page : doc.getPages()) {
                PDResources resources = page.getResources();
                for (COSName name : resources.getFontNames()) {
                    PDFont font = resources.getFont(name);
                    fonts.add(font.getName());
                    assertThat(font.isEmbedded()).as("font %s embedded", font.getName()).isTrue();
                }
            }
            assertThat(fonts).anyMatch(f -> f.contains("DejaVuSans-Bold"))
                    .anyMatch(f -> f.contains("DejaVuSans") && !f.contains("Bold"))
                    .anyMatch(f -> f.contains("DroidSansFallback"));
        }
    }

    @Test
    void embedsResultsJsonAsAnAssociatedFile() throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            Map<String, PDComplexFileSpecification> files =
                    doc.getDocumentCatalog().getNames().getEmbeddedFiles().getNames();
            assertThat(files).containsKey("results.json");
            PDComplexFileSpecification spec = files.get("results.json");
            assertThat(spec.getEmbeddedFile().toByteArray()).isEqualTo(RESULTS_JSON.getBytes(StandardCharsets.UTF_8));
            assertThat(spec.getEmbeddedFile().getSubtype()).isEqualTo("application/json");
            assertThat(spec.getCOSObject().getNameAsString("AFRelationship")).isEqualTo("Data");
            COSArray af = doc.getDocumentCatalog().getCOSObject().getCOSArray(COSName.AF);
            assertThat(af).isNotNull();
            assertThat(af.size()).isEqualTo(1);
        }
        // the cover shows the SHA-256 of the embedded file when the report does not carry one
        assertThat(text).contains(io.rootaudit.report.Digests.sha256(RESULTS_JSON.getBytes(StandardCharsets.UTF_8)));
    }

    /** With no account at all, the sectioned tables have no section: the PDF still renders, header and count. */
    @Test
    void rendersARunWithoutAccounts(@TempDir Path empty) throws IOException {
        EvidenceReport none = new EvidenceReport(report.run(), report.organization(), report.summary(),
                List.of(), report.exceptions(), null, null, null, List.of());
        try (PDDocument doc = Loader.loadPDF(render(none, empty))) {
            String noneText = textOf(doc);
            assertThat(noneText).contains("No account has a finding.");
            String appendix = noneText.substring(noneText.lastIndexOf("Appendix: every account"));
            // the header row is there and no account row follows it
            assertThat(appendix).contains("Account id Name OU path Status Highest severity")
                    .doesNotContainPattern("\\d{12}");
        }
    }

    @Test
    void firstRunSaysSoAndWorksWithoutResultsJson(@TempDir Path empty) throws IOException {
        EvidenceReport first = new EvidenceReport(report.run(), report.organization(), report.summary(),
                report.accounts().subList(0, 12), report.exceptions(), null, null, null, List.of());
        byte[] bytes = render(first, empty);
        try (PDDocument doc = Loader.loadPDF(bytes)) {
            String firstText = textOf(doc);
            assertThat(firstText).contains("First run: there is no previous completed run")
                    .contains("not computed")
                    .contains("results.json was not available")
                    .contains("Remediation was off for this run.")
                    .contains("None: no privileged command was recorded in that time.")
                    .doesNotContain("percentage points");
            assertThat(doc.getDocumentCatalog().getNames() == null
                    || doc.getDocumentCatalog().getNames().getEmbeddedFiles() == null).isTrue();
        }
    }

    @Test
    void escapesUntrustedTextAndDropsCharactersXmlCannotCarry(@TempDir Path empty) throws IOException {
        AccountRow a = report.accounts().get(1);
        AccountRow hostile = new AccountRow(a.accountId(), "bell\u0007 & <b>bold</b> \uD800 ]]> \"q\"", a.email(),
                "Root/<i>OU</i>", a.state(), a.joinedAt(), a.tags(), "<b>owner</b> & co", AccountStatus.ERROR, null, null, null, List.of(),
                List.of(), new io.rootaudit.audit.AuditError("AccessDenied", "denied <script>x</script>\u0000"), a.auditedAt());
        EvidenceReport r = new EvidenceReport(report.run(), report.organization(), report.summary(), List.of(hostile),
                List.of(), null, "ab".repeat(32), null, List.of());

        String xhtml = WRITER.xhtml(PdfView.of(r, r.resultsJsonSha256(), false));
        assertThat(xhtml).doesNotContain("<b>bold</b>").doesNotContain("<script>").doesNotContain("<i>OU</i>")
                .contains("&lt;b&gt;bold&lt;/b&gt;").doesNotContain("\u0007").doesNotContain("\u0000");

        try (PDDocument doc = Loader.loadPDF(render(r, empty))) {
            assertThat(textOf(doc)).contains("bell\uFFFD & <b>bold</b> \uFFFD ]]> \"q\"")
                    .contains("Root/<i>OU</i>").contains("denied <script>x</script>").contains("ab".repeat(32));
        }
    }

    private static byte[] render(EvidenceReport r, Path folder) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WRITER.write(r, folder, out);
        assertThat(WRITER.fileName()).isEqualTo("report.pdf");
        return out.toByteArray();
    }

    /** The document's text with every run of white space (line breaks of wrapped cells too) as one space. */
    private static String textOf(PDDocument doc) throws IOException {
        return new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
    }

    private static int occurrences(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
