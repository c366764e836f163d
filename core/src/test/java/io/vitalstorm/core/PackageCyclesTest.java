package io.vitalstorm.core;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packages of core depend on each other one way only: a plain scan of the main sources' references
 * to {@code io.vitalstorm.core.<package>.<Type>} (imports and qualified names), no bytecode tool needed.
 * {@code alert} depends on {@code risk}, never the reverse, and {@code config} on no package that uses it
 * (issue 17 removed those cycles).
 */
class PackageCyclesTest {

    private static final Path SOURCES = Path.of("src/main/java/io/vitalstorm/core");
    private static final Pattern REFERENCE = Pattern.compile("io\\.vitalstorm\\.core\\.([a-z0-9_.]+)\\.[A-Z]");

    @Test
    void riskDoesNotDependOnAlert() {
        assertThat(dependencies().getOrDefault("risk", Set.of())).doesNotContain("alert");
        assertThat(dependencies().get("alert")).contains("risk");
    }

    @Test
    void noPackageCycle() {
        Map<String, Set<String>> graph = dependencies();
        List<String> cycles = new ArrayList<>();
        for (String start : graph.keySet()) {
            List<String> path = cycleFrom(start, start, graph, new ArrayList<>(List.of(start)), new TreeSet<>());
            if (path != null) {
                cycles.add(String.join(" -> ", path));
            }
        }
        assertThat(cycles).as("package cycles in core").isEmpty();
    }

    /** A path from {@code at} back to {@code start}, or null; depth-first, each package visited once. */
    private static List<String> cycleFrom(String start, String at, Map<String, Set<String>> graph,
                                          List<String> path, Set<String> seen) {
        for (String next : graph.getOrDefault(at, Set.of())) {
            if (next.equals(start)) {
                List<String> cycle = new ArrayList<>(path);
                cycle.add(start);
                return cycle;
            }
            if (seen.add(next)) {
                path.add(next);
                List<String> found = cycleFrom(start, next, graph, path, seen);
                if (found != null) {
                    return found;
                }
                path.remove(path.size() - 1);
            }
        }
        return null;
    }

    /** Package (relative to io.vitalstorm.core) -> the other core packages its main sources reference. */
    private static Map<String, Set<String>> dependencies() {
        Map<String, Set<String>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(file -> {
                String pkg = SOURCES.relativize(file.getParent()).toString().replace('/', '.');
                Set<String> uses = graph.computeIfAbsent(pkg, p -> new TreeSet<>());
                Matcher m = REFERENCE.matcher(read(file));
                while (m.find()) {
                    if (!m.group(1).equals(pkg)) {
                        uses.add(m.group(1));
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(graph).as("core packages found under " + SOURCES.toAbsolutePath()).containsKeys("risk", "alert");
        return graph;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
