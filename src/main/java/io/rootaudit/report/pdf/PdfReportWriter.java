package io.rootaudit.report.pdf;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PdfBoxRenderer;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import io.rootaudit.report.ArtifactWriter;
import io.rootaudit.report.Digests;
import io.rootaudit.report.EvidenceReport;
import io.rootaudit.report.EvidencePack;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.Map;
import java.util.TimeZone;
import java.util.TreeMap;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.PageMode;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import io.rootaudit.config.RootAuditProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Writes {@code report.pdf}: the evidence report an auditor files. The XHTML template
 * {@code templates/report.html} is filled by Thymeleaf (every AWS-originated value through {@code th:text}, so
 * it is escaped) and laid out by openhtmltopdf as PDF/A-3b, with the fonts shipped in {@code fonts/} embedded
 * and an sRGB output intent. The run's {@code results.json}, when present in the folder, is embedded as an
 * associated file ({@code AFRelationship /Data}), so the machine-readable record travels inside the PDF.
 */
@Component
@Order(4)
public class PdfReportWriter implements ArtifactWriter {

    public static final String FILE_NAME = EvidencePack.REPORT_PDF;
    /** Thymeleaf template name, resolved as {@code templates/report.html} on the classpath. */
    static final String TEMPLATE = "report";
    /** CSS font families of the template, in fallback order. */
    static final String FONT = "DejaVu Sans";
    static final String FALLBACK_FONT = "Droid Sans Fallback";

    private static final String FONTS = "fonts/";
    private static final byte[] SRGB = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();

    private final TemplateEngine engine;
    /** The KMS key that signs the pack's manifest, stated on the cover; null when packs are not signed. */
    private final String signingKeyId;

    static {
        // openhtmltopdf logs through java.util.logging by default, bypassing the application's log levels.
        com.openhtmltopdf.util.XRLog.setLoggerImpl(new com.openhtmltopdf.slf4j.Slf4jLogger());
    }

    /** A writer for packs that are not signed (tests, tools). */
    public PdfReportWriter() {
        this((String) null);
    }

    @Autowired
    PdfReportWriter(RootAuditProperties properties) {
        this(properties.report().signing().enabled() ? properties.report().signing().kmsKeyId() : null);
    }

    /** @param signingKeyId the KMS key that signs the pack's manifest, or null */
    public PdfReportWriter(String signingKeyId) {
        this.signingKeyId = signingKeyId;
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(PdfReportWriter.class.getClassLoader());
        resolver.setPrefix("templates/");
        resolver.setSuffix(".html");
        // XML mode: openhtmltopdf parses well-formed XHTML, and th:text escapes with XML rules.
        resolver.setTemplateMode(TemplateMode.XML);
        resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
        resolver.setCacheable(true);
        engine = new TemplateEngine();
        engine.setTemplateResolver(resolver);
    }

    @Override
    public String fileName() {
        return FILE_NAME;
    }

    @Override
    public void write(EvidenceReport report, Path folder, OutputStream out) throws IOException {
        Path results = folder == null ? null : folder.resolve(EvidencePack.RESULTS_JSON);
        boolean attach = results != null && Files.isRegularFile(results);
        String sha256 = report.resultsJsonSha256();
        if (sha256 == null && attach) {
            sha256 = Digests.sha256(results); // the digest of the very file embedded below
        }
        String xhtml = xhtml(PdfView.of(report, sha256, attach, signingKeyId));
        render(xhtml, attach ? results : null, out);
    }

    /** The filled-in XHTML, before layout (for tests and template work). */
    String xhtml(PdfView view) {
        Context context = new Context();
        context.setVariable("r", view);
        return engine.process(TEMPLATE, context);
    }

    private void render(String xhtml, Path results, OutputStream out) throws IOException {
        PdfRendererBuilder builder = new PdfRendererBuilder()
                .usePdfAConformance(PdfRendererBuilder.PdfAConformance.PDFA_3_B)
                .useColorProfile(SRGB)
                .withProducer("rootaudit (openhtmltopdf, Apache PDFBox)")
                .withHtmlContent(xhtml, null);
        font(builder, "DejaVuSans.ttf", FONT, 400);
        font(builder, "DejaVuSans-Bold.ttf", FONT, 700);
        // Loaded only when a character DejaVu lacks (CJK, for example) appears; it has no bold face.
        font(builder, "DroidSansFallbackFull.ttf", FALLBACK_FONT, 400);
        try (PdfBoxRenderer renderer = builder.buildPdfRenderer()) {
            renderer.createPDFWithoutClosing();
            PDDocument doc = renderer.getPdfDocument();
            doc.getDocumentCatalog().setPageMode(PageMode.USE_OUTLINES);
            if (results != null) {
                attach(doc, results);
            }
            doc.save(out);
        }
    }

    private static void font(PdfRendererBuilder builder, String file, String family, int weight) {
        builder.useFont(() -> {
            InputStream in = PdfReportWriter.class.getClassLoader().getResourceAsStream(FONTS + file);
            if (in == null) {
                throw new UncheckedIOException(new IOException("Font " + FONTS + file + " is missing from the classpath"));
            }
            return in;
        }, family, weight, FontStyle.NORMAL, true);
    }

    /**
     * Embeds results.json as a PDF/A-3 associated file of the document: listed in the EmbeddedFiles name tree
     * (so readers show it as an attachment) and in the catalog's {@code /AF} array, with the MIME type, size,
     * dates and {@code AFRelationship} that PDF/A-3 requires.
     */
    static void attach(PDDocument doc, Path file) throws IOException {
        String name = file.getFileName().toString();
        Calendar modified = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
        modified.setTimeInMillis(Files.getLastModifiedTime(file).toMillis());
        PDEmbeddedFile embedded;
        try (InputStream in = Files.newInputStream(file)) {
            embedded = new PDEmbeddedFile(doc, in, COSName.FLATE_DECODE);
        }
        embedded.setSubtype("application/json");
        embedded.setSize((int) Math.min(Integer.MAX_VALUE, Files.size(file)));
        embedded.setModDate(modified);
        embedded.setCreationDate(modified);

        PDComplexFileSpecification spec = new PDComplexFileSpecification();
        spec.setFile(name);
        spec.setFileUnicode(name);
        spec.setFileDescription("Machine-readable results of this run (the data shown in this report)");
        spec.setEmbeddedFile(embedded);
        spec.setEmbeddedFileUnicode(embedded);
        spec.getCOSObject().setName(COSName.getPDFName("AFRelationship"), "Data");

        PDDocumentCatalog catalog = doc.getDocumentCatalog();
        PDDocumentNameDictionary names = catalog.getNames();
        if (names == null) {
            names = new PDDocumentNameDictionary(catalog);
            catalog.setNames(names);
        }
        PDEmbeddedFilesNameTreeNode tree = names.getEmbeddedFiles();
        Map<String, PDComplexFileSpecification> existing = tree == null ? null : tree.getNames();
        PDEmbeddedFilesNameTreeNode updated = new PDEmbeddedFilesNameTreeNode();
        TreeMap<String, PDComplexFileSpecification> all = new TreeMap<>();
        if (existing != null) {
            all.putAll(existing);
        }
        all.put(name, spec);
        updated.setNames(all);
        names.setEmbeddedFiles(updated);

        COSArray af = catalog.getCOSObject().getCOSArray(COSName.AF);
        if (af == null) {
            af = new COSArray();
            catalog.getCOSObject().setItem(COSName.AF, af);
        }
        af.add(spec);
    }
}
