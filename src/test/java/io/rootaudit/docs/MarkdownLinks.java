package io.rootaudit.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The relative links of Markdown pages and the anchors GitHub gives their headings, so that a test can prove
 * that every link of the documentation leads somewhere. Only what GitHub renders counts: lines inside fenced
 * code blocks and inline code spans are neither links nor headings.
 */
final class MarkdownLinks {

    private static final Pattern FENCE = Pattern.compile("^\\s*(```|~~~)");
    private static final Pattern CODE_SPAN = Pattern.compile("(`+)(.+?)\\1");
    private static final Pattern HEADING = Pattern.compile("^ {0,3}#{1,6}(?:[ \\t]+(.*?))?(?:[ \\t]+#+)?[ \\t]*$");
    private static final Pattern HTML_ANCHOR = Pattern.compile("<a\\s[^>]*\\b(?:id|name)=\"([^\"]+)\"");
    /** {@code [text](target)} and {@code ![alt](target)}, with an optional title. */
    private static final Pattern INLINE_LINK = Pattern.compile("\\]\\(\\s*<?([^)\\s>]*)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    private static final Pattern REFERENCE_DEFINITION = Pattern.compile("^ {0,3}\\[[^\\]]+\\]:\\s*<?([^\\s>]+)>?");
    private static final Pattern HTML_LINK = Pattern.compile("<(?:a|img)\\s[^>]*\\b(?:href|src)=\"([^\"]+)\"");
    private static final Pattern EXTERNAL = Pattern.compile("^(?:https?:|mailto:|//).*", Pattern.CASE_INSENSITIVE);
    private static final Pattern LINE_ANCHOR = Pattern.compile("L\\d+(?:-L\\d+)?");

    private MarkdownLinks() {}

    /**
     * One problem per relative link of {@code pages} (all under {@code root}) that does not lead to an existing
     * file inside {@code root}, or whose {@code #anchor} is not an anchor of the Markdown page it names. Each
     * problem names the page (relative to {@code root}), its line and the link as written.
     */
    static List<String> problems(Path root, List<Path> pages) {
        Path top = root.toAbsolutePath().normalize();
        Map<Path, Set<String>> anchorsByPage = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (Path page : pages) {
            Path file = page.toAbsolutePath().normalize();
            List<String> lines = read(file);
            boolean fence = false;
            for (int i = 0; i < lines.size(); i++) {
                if (FENCE.matcher(lines.get(i)).find()) {
                    fence = !fence;
                    continue;
                }
                for (String link : fence ? List.<String>of() : links(lines.get(i))) {
                    String problem = problem(top, file, link, anchorsByPage);
                    if (problem != null) {
                        problems.add(top.relativize(file) + ":" + (i + 1) + ": " + link + ": " + problem);
                    }
                }
            }
        }
        return problems;
    }

    private static String problem(Path top, Path page, String link, Map<Path, Set<String>> anchorsByPage) {
        int hash = link.indexOf('#');
        String path = URLDecoder.decode((hash < 0 ? link : link.substring(0, hash)).replace("+", "%2B"),
                StandardCharsets.UTF_8);
        String anchor = hash < 0 ? null : link.substring(hash + 1);
        Path target = path.isEmpty() ? page : page.getParent().resolve(path).normalize();
        if (!target.startsWith(top)) {
            return "points outside the repository";
        }
        if (!Files.exists(target)) {
            return "no such file " + top.relativize(target);
        }
        if (anchor == null) {
            return null;
        }
        if (!target.getFileName().toString().endsWith(".md")) {
            return LINE_ANCHOR.matcher(anchor).matches() ? null
                    : "#" + anchor + " on " + top.relativize(target) + ", which is not a Markdown page";
        }
        Set<String> anchors = anchorsByPage.computeIfAbsent(target, t -> anchors(read(t)));
        return anchors.contains(anchor) ? null : "no heading #" + anchor + " in " + top.relativize(target);
    }

    /** The relative link targets written on one line (outside code spans); external links are left out. */
    static List<String> links(String line) {
        String text = CODE_SPAN.matcher(line).replaceAll(" ");
        List<String> links = new ArrayList<>();
        for (Pattern pattern : List.of(INLINE_LINK, REFERENCE_DEFINITION, HTML_LINK)) {
            Matcher m = pattern.matcher(text);
            while (m.find()) {
                String target = m.group(1);
                if (!target.isEmpty() && !EXTERNAL.matcher(target).matches()) {
                    links.add(target);
                }
            }
        }
        return links;
    }

    /** The anchors of a page as GitHub makes them: one per heading, numbered when repeated, plus HTML ids. */
    static Set<String> anchors(List<String> lines) {
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean fence = false;
        for (String line : lines) {
            if (FENCE.matcher(line).find()) {
                fence = !fence;
                continue;
            }
            if (fence) {
                continue;
            }
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                String slug = slug(heading.group(1) == null ? "" : heading.group(1));
                int n = seen.merge(slug, 1, Integer::sum) - 1;
                anchors.add(n == 0 ? slug : slug + "-" + n);
            }
            Matcher html = HTML_ANCHOR.matcher(line);
            while (html.find()) {
                anchors.add(html.group(1));
            }
        }
        return anchors;
    }

    /**
     * GitHub's anchor of a heading's text: the rendered text (links and images by their text, no code
     * backticks, no HTML tags) in lower case, without punctuation other than {@code -} and {@code _}, and
     * each space turned into {@code -}.
     */
    static String slug(String heading) {
        String text = heading.replaceAll("!?\\[([^\\]]*)\\]\\([^)]*\\)", "$1").replaceAll("<[^>]+>", "")
                .replace("`", "").strip().toLowerCase(Locale.ROOT);
        StringBuilder slug = new StringBuilder();
        text.codePoints().forEach(c -> {
            int type = Character.getType(c);
            if (c == ' ') {
                slug.append('-');
            } else if (Character.isLetterOrDigit(c) || c == '-' || c == '_' || type == Character.NON_SPACING_MARK
                    || type == Character.COMBINING_SPACING_MARK || type == Character.ENCLOSING_MARK) {
                slug.appendCodePoint(c);
            }
        });
        return slug.toString();
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
