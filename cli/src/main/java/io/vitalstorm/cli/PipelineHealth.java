package io.vitalstorm.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Whether the pipeline is flowing, lagging or stalled, from two samples of each consumer group's
 * committed offsets and the topics' end offsets taken {@code seconds} apart. Plain logic: the
 * command ({@link HealthCommand}) takes the samples.
 */
final class PipelineHealth {

    enum Verdict { FLOWING, LAGGING, STALLED, DOWN }

    /** Records a group is behind on its topic (summed over partitions), at the two samples. */
    record GroupSample(String group, String topic, long lagBefore, long lagAfter, long committedBefore,
            long committedAfter) {
    }

    record Report(Verdict verdict, List<String> lines) {
    }

    /** A group this far behind that is still moving is lagging rather than flowing. */
    static final long LAGGING_RECORDS = 10_000;

    private PipelineHealth() {
    }

    static Report judge(List<GroupSample> groups, Map<String, String> downServers, double seconds) {
        List<String> lines = new ArrayList<>();
        Verdict verdict = Verdict.FLOWING;
        for (Map.Entry<String, String> down : downServers.entrySet()) {
            lines.add("DOWN     " + down.getKey() + ": " + down.getValue());
            verdict = Verdict.DOWN;
        }
        for (GroupSample g : groups) {
            double rate = (g.committedAfter() - g.committedBefore()) / seconds;
            Verdict v;
            String why;
            if (g.lagAfter() > 0 && g.committedAfter() == g.committedBefore()) {
                v = Verdict.STALLED;
                why = g.lagAfter() + " records waiting and nothing committed for " + Math.round(seconds) + " s";
            } else if (g.lagAfter() > LAGGING_RECORDS && g.lagAfter() >= g.lagBefore()) {
                v = Verdict.LAGGING;
                why = g.lagAfter() + " records behind and not catching up (" + Math.round(rate) + " records/s)";
            } else {
                v = Verdict.FLOWING;
                why = g.lagAfter() + " records behind, " + Math.round(rate) + " records/s committed";
            }
            lines.add(String.format("%-8s %s on %s: %s", v, g.group(), g.topic(), why));
            if (v.ordinal() > verdict.ordinal() && verdict != Verdict.DOWN) {
                verdict = v;
            }
        }
        lines.add(0, "pipeline " + verdict);
        return new Report(verdict, lines);
    }
}
