package io.vitalstorm.cli;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PipelineHealthTest {

    @Test
    void movingGroupsCloseToTheEndAreFlowing() {
        var r = PipelineHealth.judge(List.of(new PipelineHealth.GroupSample("vs", "vitals", 40, 12, 1_000, 1_500)),
                Map.of(), 5);
        assertThat(r.verdict()).isEqualTo(PipelineHealth.Verdict.FLOWING);
        assertThat(r.lines()).contains("FLOWING  vs on vitals: 12 records behind, 100 records/s committed");
    }

    @Test
    void recordsWaitingWithNothingCommittedIsStalledAndSaysWhy() {
        var r = PipelineHealth.judge(List.of(
                new PipelineHealth.GroupSample("vs", "vitals", 0, 0, 10, 10),
                new PipelineHealth.GroupSample("vs-history", "history", 300, 420, 77, 77)), Map.of(), 5);
        assertThat(r.verdict()).isEqualTo(PipelineHealth.Verdict.STALLED);
        assertThat(r.lines().get(0)).isEqualTo("pipeline STALLED");
        assertThat(r.lines()).anyMatch(l -> l.startsWith("STALLED  vs-history on history: 420 records waiting"));
    }

    @Test
    void farBehindAndNotCatchingUpIsLagging() {
        var r = PipelineHealth.judge(List.of(new PipelineHealth.GroupSample("vs", "vitals", 50_000, 60_000, 0, 5_000)),
                Map.of(), 5);
        assertThat(r.verdict()).isEqualTo(PipelineHealth.Verdict.LAGGING);
    }

    @Test
    void aServerThatDoesNotAnswerIsDown() {
        var r = PipelineHealth.judge(List.of(), Map.of("redis 127.0.0.1:6379", "Connection refused"), 5);
        assertThat(r.verdict()).isEqualTo(PipelineHealth.Verdict.DOWN);
        assertThat(r.lines()).contains("DOWN     redis 127.0.0.1:6379: Connection refused");
    }
}
