package io.vitalstorm.storage.history;

import io.vitalstorm.core.model.Consciousness;
import io.vitalstorm.core.model.Observation;
import io.vitalstorm.storage.cassandra.HistoryEntry;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HistoryBlockCodecTest {

    private static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

    private static HistoryEntry wrist(long ts, double hr, double spo2) {
        return new HistoryEntry(new Observation("P1", "wrist-7", ts, hr, null, spo2, null, null, null, null), 1, "LOW",
                Map.of("heartRate", 0, "spo2", 1), true, true);
    }

    private static List<HistoryEntry> roundTrip(List<HistoryEntry> entries) {
        List<HistoryEntry> sorted = new ArrayList<>(entries);
        sorted.sort(HistoryBlocks.ORDER);
        List<HistoryEntry> back = HistoryBlockCodec.decode("P1", T0, HistoryBlockCodec.encode(T0, sorted));
        assertThat(back).isEqualTo(sorted);
        return back;
    }

    @Test
    void aMinuteOfWristBandReadingsAtOneHertzTakesAboutOneByteEach() {
        Random random = new Random(7);
        List<HistoryEntry> minute = new ArrayList<>();
        double hr = 72;
        double spo2 = 97;
        for (int s = 0; s < 60; s++) {
            hr += random.nextInt(3) - 1;
            spo2 = random.nextInt(10) == 0 ? spo2 + (random.nextBoolean() ? 1 : -1) : spo2;
            minute.add(wrist(T0 + s * 1000L, hr, spo2));
        }
        roundTrip(minute);
        byte[] block = HistoryBlockCodec.encode(T0, minute);
        assertThat(block.length).isLessThan(72); // < 1.2 bytes a reading; rows cost ~11 after LZ4
    }

    @Test
    void everyFieldOfAFullSetReadingComesBackExactly() {
        List<HistoryEntry> entries = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Consciousness acvpu = Consciousness.values()[i % Consciousness.values().length];
            entries.add(new HistoryEntry(new Observation("P1", i % 3 == 0 ? "nurse-1" : "monitor-2", T0 + i * 3_217L,
                    60.0 + i, 18.0 + i % 4, 95.0, 120.5 - i, 36.8 + i / 10.0, acvpu, i % 2 == 0),
                    i, i > 6 ? "HIGH" : "LOW",
                    Map.of("respiratoryRate", i % 4, "consciousness", 0, "temperature", i % 2),
                    i % 5 == 0, i % 7 != 0));
        }
        roundTrip(entries);
    }

    @Test
    void anyDoubleIsExactNanInfinitiesNegativeZeroAndExtremes() {
        double[] edge = {Double.NaN, Double.longBitsToDouble(0x7ff8_0000_0000_0abcL), Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, -0.0, 0.0, Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, 1e-300,
                Math.PI, 0.1 + 0.2, 36.85, 4503599627370497.0, -1.0};
        List<HistoryEntry> entries = new ArrayList<>();
        for (int i = 0; i < edge.length; i++) {
            entries.add(wrist(T0 + i * 1000L, edge[i], edge[edge.length - 1 - i]));
        }
        List<HistoryEntry> back = roundTrip(entries);
        for (int i = 0; i < edge.length; i++) {
            assertThat(Double.doubleToRawLongBits(back.get(i).observation().heartRate()))
                    .isEqualTo(Double.doubleToRawLongBits(edge[i]));
        }
    }

    @Test
    void randomValuesTimesAndGapsRoundTrip() {
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            int n = 1 + random.nextInt(120);
            List<HistoryEntry> entries = new ArrayList<>();
            long ts = T0 + random.nextInt(1000);
            for (int i = 0; i < n; i++) {
                ts += random.nextInt(4) == 0 ? random.nextInt(5000) : 1000;
                entries.add(
                        new HistoryEntry(
                                new Observation("P1", random.nextBoolean() ? null : "d" + random.nextInt(3), ts,
                        maybe(random, random.nextDouble() * 200), maybe(random, (double) random.nextInt(40)),
                        maybe(random, Double.longBitsToDouble(random.nextLong())),
                        maybe(random, (double) random.nextLong()),
                        maybe(random, random.nextInt(420) / 10.0),
                        random.nextBoolean() ? null
                        : Consciousness.values()[random.nextInt(Consciousness.values().length)],
                        random.nextBoolean() ? null : random.nextBoolean()),
                        random.nextInt(21), random.nextBoolean() ? null : "MEDIUM",
                        random.nextBoolean() ? Map.of() : Map.of("heartRate", random.nextInt(4)), random.nextBoolean(),
                        random.nextBoolean()));
            }
            entries = new ArrayList<>(HistoryBlocks.merge(List.of(), entries));
            roundTrip(entries);
        }
    }

    @Test
    void wholeSecondReadingsStoreNoOffsetsButSubSecondOnesKeepThem() {
        List<HistoryEntry> whole = new ArrayList<>();
        List<HistoryEntry> offset = new ArrayList<>();
        for (int s = 0; s < 60; s++) {
            whole.add(wrist(T0 + s * 1000L, 70, 97));
            offset.add(wrist(T0 + s * 1000L + (s * 37) % 1000, 70, 97));
        }
        roundTrip(offset);
        assertThat(HistoryBlockCodec.encode(T0, whole).length).isLessThan(HistoryBlockCodec.encode(T0, offset).length);
        assertThat(HistoryBlockCodec.encode(T0, whole).length).isLessThan(40);
    }

    @Test
    void outOfOrderLateAndDuplicateReadingsMergeIntoOneOrderedBlock() {
        List<HistoryEntry> stored = new ArrayList<>();
        for (int s = 0; s < 30; s += 2) {
            stored.add(wrist(T0 + s * 1000L, 70 + s, 97));
        }
        List<HistoryEntry> late = new ArrayList<>();
        for (int s = 29; s >= 1; s -= 2) {
            late.add(wrist(T0 + s * 1000L, 70 + s, 96));
        }
        Collections.shuffle(late, new Random(3));
        List<HistoryEntry> merged = HistoryBlocks.merge(stored, late);
        assertThat(merged).hasSize(30).isSortedAccordingTo(HistoryBlocks.ORDER);
        List<HistoryEntry> back = HistoryBlockCodec.decode("P1", T0, HistoryBlockCodec.encode(T0, merged));
        assertThat(back).isEqualTo(merged);
        // a replay of any of them changes nothing: no write
        assertThat(HistoryBlocks.merge(back, late)).isNull();
        assertThat(HistoryBlocks.merge(back, stored.subList(0, 5))).isNull();
        // the same moment from another device is another reading; a corrected one replaces it
        HistoryEntry otherDevice =
                new HistoryEntry(new Observation("P1", "nurse", T0, 80.0, null, null, null, null, null, null),
                0, "LOW", Map.of(), true, true);
        assertThat(HistoryBlocks.merge(back, List.of(otherDevice))).hasSize(31);
        assertThat(HistoryBlocks.merge(back, List.of(wrist(T0, 99, 97)))).hasSize(30).first()
                .extracting(e -> e.observation().heartRate()).isEqualTo(99.0);
    }

    @Test
    void missingParametersStayMissing() {
        List<HistoryEntry> entries = List.of(
                new HistoryEntry(new Observation("P1", null, T0, null, null, null, null, null, null, null), 0, "LOW",
                        Map.of(), true,
                        false),
                new HistoryEntry(
                        new Observation("P1", "d", T0 + 1000, null, 12.0, null, null, null, null, null), 0, "LOW",
                        Map.of("respiratoryRate", 3), true, false));
        List<HistoryEntry> back = roundTrip(entries);
        assertThat(back.get(0).observation().deviceId()).isNull();
        assertThat(back.get(0).subscores()).isEmpty();
        assertThat(back.get(1).observation().heartRate()).isNull();
        assertThat(HistoryBlockCodec.decode("P1", T0, HistoryBlockCodec.encode(T0, List.of()))).isEmpty();
    }

    @Test
    void aCorruptBlockIsAClearErrorNotACrash() {
        byte[] block = HistoryBlockCodec.encode(T0, List.of(wrist(T0, 70, 97), wrist(T0 + 1000, 71, 97)));
        assertThatThrownBy(() -> HistoryBlockCodec.decode("P1", T0, java.util.Arrays.copyOf(block, block.length / 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("corrupt history block");
        assertThatThrownBy(() -> HistoryBlockCodec.decode("P1", T0, new byte[] {9}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version");
        Random random = new Random(1);
        for (int i = 0; i < 500; i++) {
            byte[] garbage = new byte[1 + random.nextInt(64)];
            random.nextBytes(garbage);
            garbage[0] = 1;
            try {
                HistoryBlockCodec.decode("P1", T0, garbage);
            } catch (IllegalArgumentException expected) {
                // the only way a bad block may fail
            }
        }
    }

    private static Double maybe(Random random, double v) {
        return random.nextInt(5) == 0 ? null : v;
    }
}
