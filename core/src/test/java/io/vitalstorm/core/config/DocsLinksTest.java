package io.vitalstorm.core.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every relative link in README.md and docs/*.md points to a file that exists, and every
 * {@code #anchor} to a heading of that file (GitHub's anchor rule, headings inside code blocks do not
 * count, a repeated heading gets {@code -1}, {@code -2}); every {@code docs/x.md#anchor} a source
 * comment cites resolves too: the docs cannot rot silently.
 */
class DocsLinksTest {

    private static final Path ROOT = Path.of("..");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    /** A page a source file names: {@code docs/state.md} or {@code docs/security.md#archives}. */
    private static final Pattern CITED = Pattern.compile("\\bdocs/([a-z0-9-]+\\.md)(#[a-z0-9_-]+)?");

    @Test
    void everyRelativeLinkAndAnchorResolves() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).forEach(pages::add);
        }
        List<String> broken = new ArrayList<>();
        for (Path page : pages) {
            Matcher m = LINK.matcher(Files.readString(page));
            while (m.find()) {
                String target = m.group(1);
                if (target.matches("^[a-z]+:.*")) {
                    continue; // http:, https:, mailto:
                }
                check(page.getFileName().toString(), page, target, broken);
            }
        }
        assertThat(broken).isEmpty();
    }

    @Test
    void everyPageAndSectionTheSourcesCiteExists() throws IOException {
        List<String> broken = new ArrayList<>();
        try (Stream<Path> sources = Files.walk(ROOT)) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")
                    && p.toString().contains("/src/main/java/")).toList()) {
                Matcher m = CITED.matcher(Files.readString(source));
                while (m.find()) {
                    String target = m.group(1) + (m.group(2) == null ? "" : m.group(2));
                    check(source.getFileName().toString(), ROOT.resolve("docs/x.md"), target, broken);
                }
            }
        }
        assertThat(broken).isEmpty();
    }

    /** Adds to {@code broken} when {@code target}, a link on {@code page}, names no file or no heading. */
    private static void check(String from, Path page, String target, List<String> broken) throws IOException {
        String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
        String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
        Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
        if (!Files.exists(resolved)) {
            broken.add(from + " → " + target + " (no such file)");
        } else if (anchor != null && !anchors(resolved).contains(anchor)) {
            broken.add(from + " → " + target + " (no such heading)");
        }
    }

    private static List<String> anchors(Path page) throws IOException {
        List<String> out = new ArrayList<>();
        boolean inCode = false;
        for (String line : Files.readAllLines(page)) {
            if (line.startsWith("```") || line.startsWith("~~~")) {
                inCode = !inCode; // a "# comment" in a shell block is no heading
            } else if (!inCode && line.matches("^#{1,6}\\s.*")) {
                String title = line.replaceFirst("^#+\\s*", "").trim().toLowerCase(Locale.ROOT);
                String anchor = title.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
                long seen = out.stream().filter(a -> a.equals(anchor)).count();
                out.add(anchor);
                if (seen > 0) {
                    out.add(anchor + "-" + seen); // GitHub's anchor of a repeated heading
                }
            }
        }
        return out;
    }
}
