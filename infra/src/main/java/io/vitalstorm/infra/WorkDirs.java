package io.vitalstorm.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Throwaway directories: creation, wiping, deletion and log tails. */
final class WorkDirs {

    /** Marks a directory as ours, so a leftover one may be wiped without asking. */
    private static final String MARKER = ".vitalstorm-infra";

    private WorkDirs() {
    }

    /**
     * Creates {@code dir} empty. A leftover directory from an earlier run (it carries our
     * marker) is wiped; any other non-empty directory is refused, since close() deletes it.
     */
    static void prepareEmpty(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            boolean ours = Files.exists(dir.resolve(MARKER));
            try (Stream<Path> entries = Files.list(dir)) {
                if (!ours && entries.findAny().isPresent()) {
                    throw new IllegalArgumentException(
                            "work directory " + dir + " is not empty and was not created by LocalInfrastructure");
                }
            }
            deleteRecursively(dir);
        }
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(MARKER), "owner pid " + ProcessHandle.current().pid() + "\n");
    }

    /** Deletes a directory tree; missing files are fine (servers may still be removing theirs). */
    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.deleteIfExists(path);
                } catch (NoSuchFileException gone) {
                    // removed concurrently
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** The last {@code lines} lines of a text file, or a note why there are none. */
    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (NoSuchFileException e) {
            return "(" + file + " does not exist)";
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }
}
