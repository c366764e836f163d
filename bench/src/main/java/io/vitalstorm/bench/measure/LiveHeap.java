package io.vitalstorm.bench.measure;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Bytes of live objects in this JVM, from its own class histogram ({@code jcmd <pid>
 * GC.class_histogram}, which runs a full GC first): exact, unlike "used heap", which counts
 * partly filled regions.
 */
public final class LiveHeap {

    /** The key of the whole heap in {@link #byClass}. */
    public static final String TOTAL = "Total";

    private LiveHeap() {
    }

    public static long bytes() {
        // the last line: "Total <instances> <bytes>"
        List<String> lines = histogram();
        String[] total = lines.get(lines.size() - 1).trim().split("\\s+");
        return Long.parseLong(total[2]);
    }

    /** Live instances and bytes ({instances, bytes}) by class name, and of the whole heap under {@link #TOTAL}. */
    public static Map<String, long[]> byClass() {
        Map<String, long[]> out = new HashMap<>();
        for (String line : histogram()) {
            // " <rank>: <instances> <bytes> <class name> (<module>)", then "Total <instances> <bytes>"
            String[] f = line.trim().split("\\s+");
            if (f.length >= 4 && f[0].endsWith(":")) {
                out.put(f[3], new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
            } else if (f.length == 3 && f[0].equals(TOTAL)) {
                out.put(TOTAL, new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
            }
        }
        return out;
    }

    private static List<String> histogram() {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        try {
            Process p = new ProcessBuilder(jcmd, Long.toString(ProcessHandle.current().pid()), "GC.class_histogram")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return out.strip().lines().toList();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the class histogram with " + jcmd + ": " + e, e);
        }
    }
}
