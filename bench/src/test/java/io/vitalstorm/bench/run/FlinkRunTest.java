package io.vitalstorm.bench.run;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The Flink peer's result line as FlinkPeer prints it. */
class FlinkRunTest {

    @Test
    void readsTheResultLine() {
        assertThat(FlinkRun.parse("FLINK-RESULT records=301 observations=300 alerts=2 deadLetters=1 "
                + "firstRecordMillis=1795335300000 firstRecordCpuNanos=9000000000 finishedMillis=1795335301000"))
                .containsEntry("records", 301L)
                .containsEntry("alerts", 2L)
                .containsEntry("deadLetters", 1L)
                .containsEntry("firstRecordMillis", 1_795_335_300_000L)
                .hasSize(7);
    }
}
