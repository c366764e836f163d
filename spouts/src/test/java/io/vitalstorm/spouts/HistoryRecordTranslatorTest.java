package io.vitalstorm.spouts;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.storm.kafka.spout.KafkaTuple;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HistoryRecordTranslatorTest {

    private final HistoryRecordTranslator translator = new HistoryRecordTranslator();

    private String streamOf(byte[] value) {
        return ((KafkaTuple) translator.apply(new ConsumerRecord<>("vitalstorm.history", 0, 7L, "P1", value)))
                .getStream();
    }

    @Test
    void alertTransitionsGoToTheAlertStoreAndEverythingElseToTheHistory() {
        assertThat(streamOf(new byte[] {HistoryRecordTranslator.ALERT_TRANSITION, 9})).isEqualTo("alert-transitions");
        assertThat(streamOf(new byte[] {HistoryRecordTranslator.SCORED_READING, 9})).isEqualTo("default");
        assertThat(streamOf(new byte[0])).as("unreadable: the history bolt dead-letters it").isEqualTo("default");
        assertThat(streamOf(null)).isEqualTo("default");
        assertThat(translator.streams()).containsExactly("default", "alert-transitions");
    }
}
