package io.rootaudit.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README says what rootaudit is and how to start; the manual is in docs/, one page per task. Every relative
 * link between them, and to the repository's files, must lead to a file that exists and, with an {@code #anchor},
 * to a heading of that page, so that moving a section can never leave a dead link behind.
 */
class DocumentationLinksTest {

    /** Maven runs the tests in the project's directory. */
    static final Path ROOT = Path.of("").toAbsolutePath();

    private static final int README_MAX_LINES = 300;

    @Test
    void everyRelativeLinkLeadsToAFileAndToAHeadingOfIt() throws IOException {
        List<Path> pages = pages(ROOT);
        assertThat(pages).as("the pages checked").contains(ROOT.resolve("README.md"), ROOT.resolve("docs/README.md"));

        assertThat(MarkdownLinks.problems(ROOT, pages)).as("broken relative links in README.md and docs/*.md").isEmpty();
    }

    @Test
    void theReadmeStaysShort() throws IOException {
        assertThat(Files.readAllLines(ROOT.resolve("README.md")))
                .as("README.md lines: keep it to what rootaudit is, how to start and one screen of real use; "
                        + "the manual belongs in docs/")
                .hasSizeLessThanOrEqualTo(README_MAX_LINES);
    }

    @Test
    void aBrokenLinkIsNamedWithItsPageAndLine(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("docs"));
        Files.writeString(root.resolve("docs/a.md"), """
                # Page A
                ## Second heading
                Back to the [start](../README.md#intro), to [nowhere](../README.md#outro) and [out](../../x.md).
                """);
        Files.writeString(root.resolve("README.md"), """
                # Intro
                [fine](docs/a.md#second-heading), [a file](docs/a.md), [here](#intro), [web](https://example.com/x.md)
                [missing](docs/b.md) and [bad anchor](docs/a.md#nope) and `[code](c.md)`
                ```
                [fenced](d.md)
                ```
                """);

        assertThat(MarkdownLinks.problems(root, pages(root))).containsExactly(
                "README.md:3: docs/b.md: no such file docs/b.md",
                "README.md:3: docs/a.md#nope: no heading #nope in docs/a.md",
                "docs/a.md:3: ../README.md#outro: no heading #outro in README.md",
                "docs/a.md:3: ../../x.md: points outside the repository");
    }

    @Test
    void anchorsAreGitHubs() {
        assertThat(MarkdownLinks.slug("`results.json` (schemaVersion `\"1\"`)")).isEqualTo("resultsjson-schemaversion-1");
        assertThat(MarkdownLinks.slug("Runs, periods and resuming")).isEqualTo("runs-periods-and-resuming");
        assertThat(MarkdownLinks.slug("What `apply` does, account by account")).isEqualTo("what-apply-does-account-by-account");
        assertThat(MarkdownLinks.slug("[Commands](commands.md) of snake_case")).isEqualTo("commands-of-snake_case");
        assertThat(MarkdownLinks.slug("Zürich – 東京")).isEqualTo("zürich--東京");
        assertThat(MarkdownLinks.anchors(List.of("# Setup", "## Setup", "```sh", "# a comment, not a heading", "```",
                "### Setup ###", "<a id=\"finding-objects\"></a>**Finding objects**"))).containsExactly(
                "setup", "setup-1", "setup-2", "finding-objects");
    }

    /** README.md and every Markdown page of docs/. */
    private static List<Path> pages(Path root) throws IOException {
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            return Stream.concat(Stream.of(root.resolve("README.md")),
                    docs.filter(p -> p.getFileName().toString().endsWith(".md")).sorted()).toList();
        }
    }
}
