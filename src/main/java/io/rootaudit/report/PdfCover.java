package io.rootaudit.report;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.common.PDNameTreeNode;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * What a {@code report.pdf} says about the run, read back the way an auditor reads it: the organization, run id
 * and SHA-256 of results.json printed on the cover (page 1, as the template {@code templates/report.html} lays
 * them out), and the bytes of the results.json embedded in it. {@code verify} compares them with the pack's
 * other files, because a PDF that describes another run, or another results.json, is not evidence of this one.
 * It lives beside the verifier, not in {@code report.pdf}, which depends on this package.
 *
 * @param organizationId the cover's "Organization", or {@code null} when the cover shows none
 * @param runId the cover's "Run id", or {@code null}
 * @param resultsSha256 the cover's "SHA-256 of results.json" with line breaks removed, or {@code null}
 * @param embeddedResults the embedded results.json, or {@code null} when none is attached
 */
record PdfCover(String organizationId, String runId, String resultsSha256, byte[] embeddedResults) {

    private static final Pattern ORGANIZATION = Pattern.compile("(?m)^Organization (.+?)\\s*$");
    private static final Pattern RUN_ID = Pattern.compile("(?m)^Run id (.+?)\\s*$");
    /** The digest cell may wrap: everything up to the next row's label, white space removed. */
    private static final Pattern RESULTS_SHA256 = Pattern.compile("(?s)SHA-256 of results\\.json(.*?)SHA-256 of the effective");

    /**
     * Reads the cover of {@code pdf}.
     *
     * @throws IOException when the bytes are not a PDF PDFBox can open
     */
    static PdfCover read(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setStartPage(1);
            stripper.setEndPage(1);
            String cover = stripper.getText(doc);
            String sha = group(RESULTS_SHA256, cover);
            return new PdfCover(group(ORGANIZATION, cover), group(RUN_ID, cover),
                    sha == null ? null : sha.replaceAll("\\s+", ""), embedded(doc, "results.json"));
        }
    }

    private static String group(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    private static byte[] embedded(PDDocument doc, String name) throws IOException {
        PDDocumentNameDictionary names = doc.getDocumentCatalog().getNames();
        PDEmbeddedFilesNameTreeNode tree = names == null ? null : names.getEmbeddedFiles();
        PDComplexFileSpecification spec = tree == null ? null : find(tree, name, 0);
        PDEmbeddedFile file = spec == null ? null : spec.getEmbeddedFile();
        return file == null ? null : file.toByteArray();
    }

    /** A name tree may hold its names in kids; a hostile one may nest deeply, so the depth is bounded. */
    private static PDComplexFileSpecification find(PDNameTreeNode<PDComplexFileSpecification> node, String name, int depth)
            throws IOException {
        Map<String, PDComplexFileSpecification> here = node.getNames();
        if (here != null && here.containsKey(name)) {
            return here.get(name);
        }
        List<PDNameTreeNode<PDComplexFileSpecification>> kids = depth < 16 ? node.getKids() : null;
        if (kids != null) {
            for (PDNameTreeNode<PDComplexFileSpecification> kid : kids) {
                PDComplexFileSpecification found = find(kid, name, depth + 1);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
