package io.vitalstorm.storage.history;

import io.vitalstorm.core.model.Observation;
import io.vitalstorm.storage.AggregatedSeries;
import io.vitalstorm.storage.SeriesAggregator;
import io.vitalstorm.storage.cassandra.HistoryEntry;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class SeriesHistogramTest {

    private static final long T0 = 1_767_225_600_000L;

    private static HistoryEntry reading(long ts, double hr, int news2) {
        return new HistoryEntry(new Observation("P1", "d", ts, hr, null, Double.NaN, null, null, null, null),
                news2, "LOW",
                Map.of(), true, true);
    }

    @Test
    void matchesTheRawAggregationAndTakesBlocksOutAgain() {
        Random random = new Random(5);
        List<HistoryEntry> hour = new ArrayList<>();
        for (int s = 0; s < 3600; s++) {
            hour.add(reading(T0 + s * 1000L, 60 + random.nextInt(40), random.nextInt(8)));
        }
        SeriesAggregator raw = new SeriesAggregator(Instant.ofEpochMilli(T0), Instant.ofEpochMilli(T0 + 3_600_000),
                3_600_000);
        hour.forEach(raw::add);
        AggregatedSeries.Bucket expected = raw.result().buckets().get(0);

        SeriesHistogram h = new SeriesHistogram();
        List<HistoryEntry> firstMinute = hour.subList(0, 60);
        h.add(firstMinute.subList(0, 30));
        h.remove(firstMinute.subList(0, 30)); // the block is rewritten with more readings
        h.add(hour);
        assertThat(h.readings()).isEqualTo(expected.readings());
        assertThat(h.stats()).isEqualTo(expected.stats()).doesNotContainKey("spo2"); // NaN is not charted
    }
}
