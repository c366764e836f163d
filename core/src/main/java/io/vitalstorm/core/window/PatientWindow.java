package io.vitalstorm.core.window;

import io.vitalstorm.core.model.Observation;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * One patient's high-rate vitals (heart rate, respiratory rate, SpO2) in event-time buckets.
 * Only buckets still open for late readings keep raw values; closed ones keep three medians,
 * and only as many as one window holds, so memory is bounded whatever the reading rate.
 */
public final class PatientWindow {

    /** Where a reading went. */
    public enum Placement { PLACED, LATE }

    /** The outcome of adding a reading: where it went and the buckets it closed, oldest first. */
    public record Result(Placement placement, List<BucketSummary> closed) {
    }

    private final long slide;
    private final long lateness;
    private final int keep;
    private final Deque<OpenBucket> open = new ArrayDeque<>();
    private final Deque<BucketSummary> closed = new ArrayDeque<>();
    private long maxTs = Long.MIN_VALUE;
    private long closedUpTo = Long.MIN_VALUE;
    private long lateReadings;

    public PatientWindow(WindowSettings settings) {
        this.slide = settings.slide().toMillis();
        this.lateness = settings.allowedLateness().toMillis();
        this.keep = settings.bucketsPerWindow();
    }

    public Result add(Observation o) {
        long start = Math.floorDiv(o.ts(), slide) * slide;
        if (start < closedUpTo) {
            lateReadings++;
            return new Result(Placement.LATE, List.of());
        }
        bucketAt(start).add(o);
        maxTs = Math.max(maxTs, o.ts());
        return new Result(Placement.PLACED, closeDue());
    }

    /** The closed buckets of the current window, oldest first. */
    public List<BucketSummary> window() {
        return List.copyOf(closed);
    }

    public long lateReadings() {
        return lateReadings;
    }

    private OpenBucket bucketAt(long start) {
        for (OpenBucket b : open) {
            if (b.start == start) {
                return b;
            }
        }
        OpenBucket b = new OpenBucket(start);
        // keep open buckets in start order (out-of-order readings may open an earlier one)
        List<OpenBucket> sorted = new ArrayList<>(open);
        sorted.add(b);
        sorted.sort((x, y) -> Long.compare(x.start, y.start));
        open.clear();
        open.addAll(sorted);
        return b;
    }

    private List<BucketSummary> closeDue() {
        List<BucketSummary> out = new ArrayList<>();
        while (!open.isEmpty() && open.peekFirst().start + slide + lateness <= maxTs) {
            OpenBucket b = open.pollFirst();
            BucketSummary s = b.summary(slide);
            closedUpTo = b.start + slide;
            closed.addLast(s);
            if (closed.size() > keep) {
                closed.removeFirst();
            }
            out.add(s);
        }
        return out;
    }

    /** Raw values of one bucket, in small growable arrays. */
    private static final class OpenBucket {
        final long start;
        final Samples hr = new Samples();
        final Samples rr = new Samples();
        final Samples spo2 = new Samples();
        int readings;

        OpenBucket(long start) {
            this.start = start;
        }

        void add(Observation o) {
            readings++;
            hr.add(o.heartRate());
            rr.add(o.respiratoryRate());
            spo2.add(o.spo2());
        }

        BucketSummary summary(long slide) {
            return new BucketSummary(start, start + slide, readings, hr.median(), rr.median(), spo2.median());
        }
    }

    private static final class Samples {
        private float[] values = new float[8];
        private int size;

        void add(Double v) {
            if (v == null) {
                return;
            }
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v.floatValue();
        }

        Double median() {
            if (size == 0) {
                return null;
            }
            float[] sorted = Arrays.copyOf(values, size);
            Arrays.sort(sorted);
            double m = size % 2 == 1 ? sorted[size / 2] : (sorted[size / 2 - 1] + sorted[size / 2]) / 2.0;
            return Math.round(m * 10) / 10.0;
        }
    }
}
