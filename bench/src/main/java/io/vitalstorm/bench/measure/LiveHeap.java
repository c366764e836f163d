package io.vitalstorm.bench.measure;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Bytes of live objects in this JVM, from its own class histogram ({@code jcmd <pid>
 * GC.class_histogram}, which runs a full GC first): exact, unlike "used heap", which counts
 * partly filled regions.
 */
public final class LiveHeap {

    private LiveHeap() {
    }

    public static long bytes() {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        try {
            Process p = new ProcessBuilder(jcmd, Long.toString(ProcessHandle.current().pid()), "GC.class_histogram")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            // the last line: "Total <instances> <bytes>"
            String[] total = out.strip().lines().reduce((a, b) -> b).orElseThrow().trim().split("\\s+");
            return Long.parseLong(total[2]);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the class histogram with " + jcmd + ": " + e, e);
        }
    }
}
