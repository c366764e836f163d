package io.vitalstorm.core.window;

import io.vitalstorm.core.model.Observation;
import io.vitalstorm.core.testsupport.Obs;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Event-time buckets with medians: spikes ignored, sustained changes caught, late data placed or counted. */
class PatientWindowTest {

    private static final long SECOND = 1_000;
    /** 5 min windows of 30 s buckets, 30 s lateness, 2 min sustain (4 buckets). */
    private static final WindowSettings SETTINGS = new WindowSettings(java.time.Duration.ofMinutes(5),
            java.time.Duration.ofSeconds(30), java.time.Duration.ofSeconds(30), java.time.Duration.ofMinutes(2));
    private final PatientWindow window = new PatientWindow(SETTINGS);
    private int consecutiveTachycardicBuckets;

    private static Observation hr(long second, double bpm) {
        return Obs.of("P").at(Obs.T0 + second * SECOND).hr(bpm).spo2(97).build();
    }

    /** Streams 1 Hz readings and reports whether sustained tachycardia (median HR >= 131) was ever confirmed. */
    private boolean stream(long fromSecond, long toSecond, java.util.function.LongToDoubleFunction bpm) {
        boolean confirmed = false;
        for (long s = fromSecond; s < toSecond; s++) {
            for (BucketSummary b : window.add(hr(s, bpm.applyAsDouble(s))).closed()) {
                boolean holds = b.heartRate() != null && b.heartRate() >= 131;
                consecutiveTachycardicBuckets = holds ? consecutiveTachycardicBuckets + 1 : 0;
                confirmed |= consecutiveTachycardicBuckets >= SETTINGS.bucketsToSustain();
            }
        }
        return confirmed;
    }

    @Test
    void aTwoSecondMotionSpikeDoesNotCount() {
        boolean confirmed = stream(0, 600, s -> s == 95 || s == 96 ? 170 : 82);
        assertThat(confirmed).isFalse();
        assertThat(window.window()).allSatisfy(b -> assertThat(b.heartRate()).isEqualTo(82.0));
    }

    @Test
    void sustainedTachycardiaIsConfirmedAfterTwoMinutesNotBefore() {
        assertThat(stream(0, 120, s -> 82)).isFalse();
        // from second 120 the heart rate is 140; buckets [120,150) .. [210,240) close at 180 .. 270 (30 s lateness)
        assertThat(stream(120, 269, s -> 140)).as("three buckets only").isFalse();
        assertThat(stream(269, 271, s -> 140)).as("the fourth bucket closes at 270 s").isTrue();
    }

    @Test
    void outOfOrderReadingsWithinTheLatenessLandInTheirBucketAndLaterOnesAreCounted() {
        List<BucketSummary> closed = new ArrayList<>();
        for (long s = 0; s < 50; s++) {
            closed.addAll(window.add(hr(s, 80)).closed());
        }
        Observation outOfOrder = Obs.of("P").at(Obs.T0 + 25 * SECOND + 500).hr(200).spo2(97).build();
        // bucket [0,30) still open
        assertThat(window.add(outOfOrder).placement()).isEqualTo(PatientWindow.Placement.PLACED);
        closed.addAll(window.add(hr(60, 80)).closed());
        assertThat(closed).hasSize(1);
        assertThat(closed.get(0).readings()).isEqualTo(31);
        assertThat(closed.get(0).heartRate()).isEqualTo(80.0);
        assertThat(window.add(hr(10, 80)).placement()).isEqualTo(PatientWindow.Placement.LATE);
        assertThat(window.lateReadings()).isEqualTo(1);
    }

    @Test
    void aReadingDeliveredAgainWhileItsBucketIsOpenIsRecognisedAndChangesNoMedian() {
        List<BucketSummary> once = new ArrayList<>();
        PatientWindow single = new PatientWindow(SETTINGS);
        List<BucketSummary> twice = new ArrayList<>();
        for (long s = 0; s < 100; s++) {
            Observation o = hr(s, s % 10 == 0 ? 150 : 80 + s % 3);
            once.addAll(single.add(o).closed());
            twice.addAll(window.add(o).closed());
            // the last spike delivered again (its bucket is still open: 30 s lateness)
            assertThat(window.add(hr(s - s % 10, 150)).placement()).isEqualTo(PatientWindow.Placement.DUPLICATE);
        }
        assertThat(twice).isEqualTo(once);
        // the same second from another device is another reading
        Observation otherDevice = Obs.of("P").at(Obs.T0 + 99 * SECOND).device("other").hr(150).spo2(97).build();
        assertThat(window.add(otherDevice).placement()).isEqualTo(PatientWindow.Placement.PLACED);
        assertThat(window.add(otherDevice).placement()).isEqualTo(PatientWindow.Placement.DUPLICATE);
    }

    @Test
    void memoryIsBoundedToOneWindowOfMedians() {
        stream(0, 3_600, s -> 80 + s % 7);
        assertThat(window.window()).hasSize(10);
        // the last reading is at 3599 s: bucket [3540, 3570) is still open for late readings
        assertThat(window.window().get(9).end()).isEqualTo(Obs.T0 + 3_540 * SECOND);
    }

    @Test
    void aCheckpointedWindowContinuesExactlyWhereItStopped() throws Exception {
        stream(0, 200, s -> 80 + s % 5);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        window.writeTo(new java.io.DataOutputStream(bytes));
        PatientWindow restored = PatientWindow.readFrom(
                new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray())), SETTINGS, true);

        assertThat(restored.window()).isEqualTo(window.window());
        assertThat(restored.lateReadings()).isEqualTo(window.lateReadings());
        assertThat(restored.add(hr(199, 80 + 199 % 5)).placement())
                .as("a replay of a reading checkpointed in an open bucket")
                .isEqualTo(PatientWindow.Placement.DUPLICATE);
        for (long s = 200; s < 400; s++) {
            assertThat(restored.add(hr(s, 90)).closed()).isEqualTo(window.add(hr(s, 90)).closed());
        }
        assertThat(restored.window()).isEqualTo(window.window());
    }
}
