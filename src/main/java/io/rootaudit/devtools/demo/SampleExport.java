package io.rootaudit.devtools.demo;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * Copies the demo's evidence pack into a flat samples folder ({@code reports-sample/} in the repository) and
 * renders PNG previews of the PDF's first pages shown in docs/evidence-pack.md ("Samples").
 */
final class SampleExport {

    static final int PREVIEW_PAGES = 3;
    private static final float PREVIEW_DPI = 60;

    private SampleExport() {}

    /** @param reports the demo's report folder, holding exactly one run folder */
    static void export(Path reports, Path samples, java.io.PrintWriter out) throws IOException {
        Path run;
        try (Stream<Path> files = Files.walk(reports)) {
            List<Path> manifests = files.filter(p -> p.getFileName().toString().equals("manifest.json")).toList();
            if (manifests.size() != 1) {
                throw new IllegalStateException("expected one evidence pack under " + reports + ", found " + manifests.size());
            }
            run = manifests.get(0).getParent();
        }
        Files.createDirectories(samples);
        try (Stream<Path> files = Files.list(run)) {
            for (Path f : files.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).toList()) {
                Files.copy(f, samples.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path pdf = samples.resolve("report.pdf");
        if (Files.exists(pdf)) {
            try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
                PDFRenderer renderer = new PDFRenderer(document);
                for (int page = 0; page < Math.min(PREVIEW_PAGES, document.getNumberOfPages()); page++) {
                    BufferedImage image = renderer.renderImageWithDPI(page, PREVIEW_DPI, ImageType.RGB);
                    ImageIO.write(image, "png", samples.resolve("report-page-" + (page + 1) + ".png").toFile());
                }
            }
        }
        out.println("Samples written to " + samples.toAbsolutePath().normalize());
    }
}
