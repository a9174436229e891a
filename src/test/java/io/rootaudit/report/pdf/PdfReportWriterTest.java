package io.rootaudit.report.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootaudit.compliance.AccountStatus;
import io.rootaudit.report.EvidenceReport;
import io.rootaudit.report.EvidenceReport.AccountRow;
import io.rootaudit.report.SyntheticEvidence;
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

    private static final String RESULTS_JSON = "{\"schemaVersion\":\"1\",\"note\":\"Zürich – 東京\",\"accounts\":[]}\n";

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
                "3. Non-compliant accounts and remediation", "4. Exceptions register", "5. Changes since the previous run",
                "6. Accounts that could not be audited, and why", "7. Methodology", "Appendix: every account");
        // the change since the previous run, the exceptions and the accounts in error are shown
        assertThat(text).contains("+4.7 percentage points", "SEC-1", "SEC-2", "explicit deny in a service control policy",
                "account state is SUSPENDED");
        for (AccountRow account : report.accounts()) {
            assertThat(text).contains(account.accountId());
        }
        // each rule's remediation once, not once per finding
        assertThat(occurrences(text, "Delete the key with the IAMDeleteRootUserCredentials task.")).isEqualTo(1);
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
            assertThat(titles).contains("Cover", "1. Executive summary", "7. Methodology", "Appendix: every account");

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

    @Test
    void firstRunSaysSoAndWorksWithoutResultsJson(@TempDir Path empty) throws IOException {
        EvidenceReport first = new EvidenceReport(report.run(), report.organization(), report.summary(),
                report.accounts().subList(0, 12), report.exceptions(), null, null);
        byte[] bytes = render(first, empty);
        try (PDDocument doc = Loader.loadPDF(bytes)) {
            String firstText = textOf(doc);
            assertThat(firstText).contains("First run: there is no previous completed run")
                    .contains("not computed")
                    .contains("results.json was not available")
                    .doesNotContain("percentage points");
            assertThat(doc.getDocumentCatalog().getNames() == null
                    || doc.getDocumentCatalog().getNames().getEmbeddedFiles() == null).isTrue();
        }
    }

    @Test
    void escapesUntrustedTextAndDropsCharactersXmlCannotCarry(@TempDir Path empty) throws IOException {
        AccountRow a = report.accounts().get(1);
        AccountRow hostile = new AccountRow(a.accountId(), "bell\u0007 & <b>bold</b> \uD800 ]]> \"q\"", a.email(),
                "Root/<i>OU</i>", a.state(), a.joinedAt(), a.tags(), AccountStatus.ERROR, null, null, null, List.of(),
                List.of(), new io.rootaudit.audit.AuditError("AccessDenied", "denied <script>x</script>\u0000"), a.auditedAt());
        EvidenceReport r = new EvidenceReport(report.run(), report.organization(), report.summary(), List.of(hostile),
                List.of(), null, "ab".repeat(32));

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
