package io.vitalstorm.core.window;

import io.vitalstorm.core.model.Observation;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One patient's high-rate vitals (heart rate, respiratory rate, SpO2) in event-time buckets of
 * {@code slide} length. Only buckets still open for late readings keep raw values (tenths, as
 * shorts); closed ones keep three medians, and only as many as one window holds, so memory is
 * bounded whatever the reading rate (~0.5 KiB at 1 Hz with the defaults).
 */
public final class PatientWindow {

    /** Where a reading went. */
    public enum Placement { PLACED, LATE }

    /** The outcome of adding a reading: where it went and the buckets it closed, oldest first. */
    public record Result(Placement placement, List<BucketSummary> closed) {
    }

    private static final int PARAMS = 3;
    private static final short NONE = Short.MIN_VALUE;
    private static final Result PLACED_NOTHING_CLOSED = new Result(Placement.PLACED, List.of());
    private static final Result LATE = new Result(Placement.LATE, List.of());

    private final long slide;
    private final long lateness;
    private final int keep;
    /** Open buckets in start order; rarely more than two. */
    private final List<OpenBucket> open = new ArrayList<>(2);
    /** Ring of closed buckets: start, readings and the three medians (tenths, NONE when absent). */
    private final long[] closedStart;
    private final int[] closedReadings;
    private final short[] closedMedians;
    private int closedCount;
    private int closedHead;
    private long maxTs = Long.MIN_VALUE;
    private long closedUpTo = Long.MIN_VALUE;
    private int lateReadings;

    public PatientWindow(WindowSettings settings) {
        this.slide = settings.slide().toMillis();
        this.lateness = settings.allowedLateness().toMillis();
        this.keep = settings.bucketsPerWindow();
        this.closedStart = new long[keep];
        this.closedReadings = new int[keep];
        this.closedMedians = new short[keep * PARAMS];
    }

    public Result add(Observation o) {
        long start = Math.floorDiv(o.ts(), slide) * slide;
        if (start < closedUpTo) {
            lateReadings++;
            return LATE;
        }
        bucketAt(start).add(o);
        maxTs = Math.max(maxTs, o.ts());
        return closeDue();
    }

    /** The closed buckets of the current window, oldest first. */
    public List<BucketSummary> window() {
        List<BucketSummary> out = new ArrayList<>(closedCount);
        for (int k = 0; k < closedCount; k++) {
            out.add(summaryAt((closedHead + k) % keep));
        }
        return out;
    }

    /** The most recently closed bucket, or null before the first closes. */
    public BucketSummary lastClosed() {
        return closedCount == 0 ? null : summaryAt((closedHead + closedCount - 1) % keep);
    }

    public long lateReadings() {
        return lateReadings;
    }

    private OpenBucket bucketAt(long start) {
        int i = 0;
        while (i < open.size() && open.get(i).start < start) {
            i++;
        }
        if (i < open.size() && open.get(i).start == start) {
            return open.get(i);
        }
        OpenBucket b = new OpenBucket(start); // out-of-order readings may open an earlier one
        open.add(i, b);
        return b;
    }

    private Result closeDue() {
        List<BucketSummary> out = null;
        while (!open.isEmpty() && open.get(0).start + slide + lateness <= maxTs) {
            OpenBucket b = open.remove(0);
            closedUpTo = b.start + slide;
            int slot = closedCount < keep ? (closedHead + closedCount++) % keep : advanceHead();
            closedStart[slot] = b.start;
            closedReadings[slot] = b.readings;
            for (int p = 0; p < PARAMS; p++) {
                closedMedians[slot * PARAMS + p] = b.median(p);
            }
            if (out == null) {
                out = new ArrayList<>(1);
            }
            out.add(summaryAt(slot));
        }
        return out == null ? PLACED_NOTHING_CLOSED : new Result(Placement.PLACED, out);
    }

    /** Drops the oldest closed bucket and returns its slot for the newest. */
    private int advanceHead() {
        int slot = closedHead;
        closedHead = (closedHead + 1) % keep;
        return slot;
    }

    private BucketSummary summaryAt(int slot) {
        return new BucketSummary(closedStart[slot], closedStart[slot] + slide, closedReadings[slot],
                value(closedMedians[slot * PARAMS]), value(closedMedians[slot * PARAMS + 1]),
                value(closedMedians[slot * PARAMS + 2]));
    }

    private static Double value(short tenths) {
        return tenths == NONE ? null : tenths / 10.0;
    }

    private static short tenths(double v) {
        return (short) Math.round(v * 10);
    }

    /** Writes the whole window (checkpoint). */
    public void writeTo(DataOutput out) throws IOException {
        out.writeLong(maxTs);
        out.writeLong(closedUpTo);
        out.writeInt(lateReadings);
        out.writeByte(closedCount);
        for (int k = 0; k < closedCount; k++) {
            int slot = (closedHead + k) % keep;
            out.writeLong(closedStart[slot]);
            out.writeInt(closedReadings[slot]);
            for (int p = 0; p < PARAMS; p++) {
                out.writeShort(closedMedians[slot * PARAMS + p]);
            }
        }
        out.writeByte(open.size());
        for (OpenBucket b : open) {
            b.writeTo(out);
        }
    }

    /** Reads a window written by {@link #writeTo}; closed buckets beyond this window's size are dropped. */
    public static PatientWindow readFrom(DataInput in, WindowSettings settings) throws IOException {
        PatientWindow w = new PatientWindow(settings);
        w.maxTs = in.readLong();
        w.closedUpTo = in.readLong();
        w.lateReadings = in.readInt();
        int closed = in.readUnsignedByte();
        for (int k = 0; k < closed; k++) {
            int slot = w.closedCount < w.keep ? (w.closedHead + w.closedCount++) % w.keep : w.advanceHead();
            w.closedStart[slot] = in.readLong();
            w.closedReadings[slot] = in.readInt();
            for (int p = 0; p < PARAMS; p++) {
                w.closedMedians[slot * PARAMS + p] = in.readShort();
            }
        }
        int openCount = in.readUnsignedByte();
        for (int k = 0; k < openCount; k++) {
            w.open.add(OpenBucket.readFrom(in));
        }
        return w;
    }

    /** Raw values of one bucket in tenths, one small growable array per parameter (null until seen). */
    private static final class OpenBucket {
        final long start;
        final short[][] samples = new short[PARAMS][];
        final byte[] sizes = new byte[PARAMS];
        int readings;

        OpenBucket(long start) {
            this.start = start;
        }

        void add(Observation o) {
            readings++;
            add(0, o.heartRate());
            add(1, o.respiratoryRate());
            add(2, o.spo2());
        }

        private void add(int p, Double v) {
            if (v != null) {
                add(p, tenths(v));
            }
        }

        private void add(int p, short v) {
            int size = Byte.toUnsignedInt(sizes[p]);
            if (size == 255) {
                return; // a bucket's median is settled long before 255 samples (8 Hz for 30 s)
            }
            if (samples[p] == null) {
                samples[p] = new short[8];
            } else if (size == samples[p].length) {
                samples[p] = Arrays.copyOf(samples[p], Math.min(255, size * 2));
            }
            samples[p][size] = v;
            sizes[p] = (byte) (size + 1);
        }

        short median(int p) {
            int size = Byte.toUnsignedInt(sizes[p]);
            if (size == 0) {
                return NONE;
            }
            short[] sorted = Arrays.copyOf(samples[p], size);
            Arrays.sort(sorted);
            return size % 2 == 1 ? sorted[size / 2] : (short) Math.round((sorted[size / 2 - 1] + sorted[size / 2]) / 2.0);
        }

        void writeTo(DataOutput out) throws IOException {
            out.writeLong(start);
            out.writeInt(readings);
            for (int p = 0; p < PARAMS; p++) {
                int size = Byte.toUnsignedInt(sizes[p]);
                out.writeByte(size);
                for (int k = 0; k < size; k++) {
                    out.writeShort(samples[p][k]);
                }
            }
        }

        static OpenBucket readFrom(DataInput in) throws IOException {
            OpenBucket b = new OpenBucket(in.readLong());
            b.readings = in.readInt();
            for (int p = 0; p < PARAMS; p++) {
                int size = in.readUnsignedByte();
                for (int k = 0; k < size; k++) {
                    b.add(p, in.readShort());
                }
            }
            return b;
        }
    }
}
