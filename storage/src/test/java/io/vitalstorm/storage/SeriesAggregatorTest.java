package io.vitalstorm.storage;

import io.vitalstorm.core.model.Observation;
import io.vitalstorm.storage.cassandra.HistoryEntry;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SeriesAggregatorTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final long MIN = 60_000;

    private static HistoryEntry reading(long offsetMillis, Double hr, Double spo2, int news2) {
        return new HistoryEntry(new Observation("P1", "d", T0.toEpochMilli() + offsetMillis, hr, null, spo2, null, null,
                null, null), news2, "LOW", Map.of(), false, true);
    }

    @Test
    void minMedianMaxPerBucketNewestFirstAsScansDeliver() {
        SeriesAggregator a = new SeriesAggregator(T0, T0.plusSeconds(600), 5 * MIN);
        // bucket 1 (5..10 min): 90, 100, 110, 120 -> median 105; bucket 0: 60, 70, 80 -> median 70
        List<HistoryEntry> rows = new ArrayList<>(List.of(
                reading(5 * MIN, 100.0, 95.0, 1), reading(6 * MIN, 90.0, null, 2), reading(7 * MIN, 120.0, 93.0, 3),
                reading(9 * MIN, 110.0, null, 1),
                reading(0, 80.0, 97.0, 0), reading(MIN, 60.0, null, 0), reading(2 * MIN, 70.0, null, 0)));
        Collections.reverse(rows);
        rows.forEach(a::add);

        AggregatedSeries s = a.result();
        assertThat(s.buckets()).hasSize(2);
        AggregatedSeries.Bucket first = s.buckets().get(0);
        assertThat(first.start()).isEqualTo(T0);
        assertThat(first.readings()).isEqualTo(3);
        assertThat(first.stats().get("heartRate")).isEqualTo(new AggregatedSeries.Stats(60, 70, 80, 3));
        assertThat(first.stats().get("spo2")).isEqualTo(new AggregatedSeries.Stats(97, 97, 97, 1));
        AggregatedSeries.Bucket second = s.buckets().get(1);
        assertThat(second.start()).isEqualTo(T0.plusSeconds(300));
        assertThat(second.stats().get("heartRate")).isEqualTo(new AggregatedSeries.Stats(90, 105, 120, 4));
        assertThat(second.stats().get("news2")).isEqualTo(new AggregatedSeries.Stats(1, 1.5, 3, 4));
        assertThat(second.stats()).doesNotContainKey("temperature");
        assertThat(s.totalReadings()).isEqualTo(7);
    }

    @Test
    void emptyBucketsAreLeftOutAndReadingsOutsideTheRangeIgnored() {
        SeriesAggregator a = new SeriesAggregator(T0, T0.plusSeconds(3600), MIN);
        a.add(reading(-1, 50.0, null, 0));
        a.add(reading(30 * MIN, 70.0, null, 0));
        a.add(reading(60 * MIN, 200.0, null, 0)); // the end is exclusive
        AggregatedSeries s = a.result();
        assertThat(s.buckets()).singleElement().satisfies(b -> {
            assertThat(b.start()).isEqualTo(T0.plusSeconds(1800));
            assertThat(b.stats().get("heartRate").max()).isEqualTo(70);
        });
    }

    @Test
    void outOfOrderReadingStillCountsForMinMaxOfItsClosedBucket() {
        SeriesAggregator a = new SeriesAggregator(T0, T0.plusSeconds(600), 5 * MIN);
        a.add(reading(MIN, 80.0, null, 0));
        a.add(reading(6 * MIN, 90.0, null, 0));
        a.add(reading(2 * MIN, 140.0, null, 0)); // back into the closed first bucket
        AggregatedSeries.Stats hr = a.result().buckets().get(0).stats().get("heartRate");
        assertThat(hr.max()).isEqualTo(140);
        assertThat(hr.count()).isEqualTo(2);
        assertThat(a.result().buckets().get(0).readings()).isEqualTo(2);
    }

    @Test
    void yearOfMinuteReadingsInFewBucketsStaysExact() {
        Instant end = T0.plusSeconds(366L * 86_400);
        SeriesAggregator a = new SeriesAggregator(T0, end, 366L * 86_400_000 / 366);
        long n = 0;
        for (long t = 366L * 86_400_000 - MIN; t >= 0; t -= MIN) {
            a.add(reading(t, 60.0 + (t / MIN) % 41, null, 0));
            n++;
        }
        AggregatedSeries s = a.result();
        assertThat(s.buckets()).hasSize(366);
        assertThat(s.totalReadings()).isEqualTo(n);
        assertThat(s.buckets()).allSatisfy(b -> {
            assertThat(b.stats().get("heartRate").min()).isEqualTo(60);
            assertThat(b.stats().get("heartRate").max()).isEqualTo(100);
        });
    }

    @Test
    void refusesAnEmptyRangeOrBucket() {
        assertThatThrownBy(() -> new SeriesAggregator(T0, T0, MIN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SeriesAggregator(T0, T0.plusSeconds(1), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
