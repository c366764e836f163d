package io.vitalstorm.bench.history;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code history.md} beside the bench report: the storage figures and the targets they answer. */
public final class HistoryReport {

    private HistoryReport() {
    }

    public static Path write(HistoryStorageBenchmark.Result r, String command, Path dir) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("# History storage\n\n`").append(command).append("` — sizes ").append(r.sizes()).append("\n\n");
        md.append("## Bytes on disk per reading (SSTables after flush, one version of each row)\n\n");
        md.append("| stream | readings | blocks B/reading | with rollups and index B/reading | target "
                + "|\n|---|---:|---:|---:|---|\n");
        for (HistoryStorageBenchmark.Disk d : r.disk()) {
            md.append(String.format("| %s | %,d | %.2f | %.2f | %s |%n", d.stream(), d.readings(),
                    d.blockBytesPerReading(),
                    d.totalBytesPerReading(), d.stream().equals("wrist_band") ? "≤ 1.5 (blocks)" : ""));
        }
        md.append("\n## Queries on a year of 1 Hz history\n\n| query | runs | p50 ms | p95 ms | max ms | points / "
                + "readings | target p95 |\n"
                + "|---|---:|---:|---:|---:|---:|---|\n");
        for (HistoryStorageBenchmark.Query q : r.queries()) {
            md.append(String.format("| %s | %d | %.1f | %.1f | %.1f | %,d | %s |%n", q.name(), q.runs(), q.p50Ms(),
                    q.p95Ms(),
                    q.maxMs(), q.pointsOrReadings(), q.name().startsWith("one-year") ? "≤ 1000 ms" : "≤ 50 ms"));
        }
        md.append("\nThe year holds hour rollups for 365 days; blocks and minute rollups for the newest ")
                .append(r.sizes().blockDays())
                .append(" days (the raw one-hour query reads only those). See docs/history-storage.md.\n");
        Files.createDirectories(dir);
        Path file = dir.resolve("history.md");
        Files.writeString(file, md.toString());
        return file;
    }
}
