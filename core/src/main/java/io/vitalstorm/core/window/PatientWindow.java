package io.vitalstorm.core.window;

import io.vitalstorm.core.model.Observation;
import io.vitalstorm.core.state.WindowState;
import io.vitalstorm.core.state.WindowStateCodec;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One patient's high-rate vitals (heart rate, respiratory rate, SpO2) in event-time buckets of
 * {@code slide} length. Only buckets still open for late readings keep raw values (whole
 * numbers, a byte each) and the identity of each reading (device and event time, 4 bytes), so a
 * reading delivered again (a Kafka replay) is recognised and not absorbed twice; closed ones keep
 * three medians, and only as many as one window holds, so memory is bounded whatever the reading
 * rate (~0.4 KiB at 1 Hz with the defaults, measured before identities were kept; they add about
 * 0.2 KiB). A replay of a reading whose bucket has closed is late.
 */
public final class PatientWindow {

    /** Where a reading went: DUPLICATE when its bucket holds the same device's reading at the same event time. */
    public enum Placement { PLACED, LATE, DUPLICATE }

    /** The outcome of adding a reading: where it went and the buckets it closed, oldest first. */
    public record Result(Placement placement, List<BucketSummary> closed) {
    }

    private static final int PARAMS = 3;
    /** Ints per slot of the closed-bucket ring. */
    private static final int CLOSED_INTS = 3;
    private static final short NONE = Short.MIN_VALUE;
    private static final Result PLACED_NOTHING_CLOSED = new Result(Placement.PLACED, List.of());
    private static final Result LATE = new Result(Placement.LATE, List.of());
    private static final Result DUPLICATE = new Result(Placement.DUPLICATE, List.of());

    private final long slide;
    /** Identities keep event-time offsets in 24 bits: in ms up to a 4.6 h slide, coarser beyond. */
    private final int shift;
    private final long lateness;
    private final int keep;
    /** Open buckets in start order: at most lateness / slide + 2 (two with the defaults). */
    private OpenBucket[] open;
    private int openCount;
    /**
     * Ring of closed buckets, three ints a slot in one array: start (in slides since the epoch),
     * then readings and the first median, then the other two medians (16 bits each; medians in
     * tenths, NONE when absent). See {@link #setClosed} and the readers below it.
     */
    private final int[] closed;
    private int closedCount;
    private int closedHead;
    private long maxTs = Long.MIN_VALUE;
    private long closedUpTo = Long.MIN_VALUE;
    private int lateReadings;

    public PatientWindow(WindowSettings settings) {
        this.slide = settings.slide().toMillis();
        this.shift = Math.max(0, 64 - Long.numberOfLeadingZeros(slide - 1) - 24);
        this.lateness = settings.allowedLateness().toMillis();
        this.keep = settings.bucketsPerWindow();
        this.open = new OpenBucket[(int) (lateness / slide) + 2];
        this.closed = new int[keep * CLOSED_INTS];
    }

    public Result add(Observation o) {
        long start = Math.floorDiv(o.ts(), slide) * slide;
        if (start < closedUpTo) {
            lateReadings++;
            return LATE;
        }
        OpenBucket b = bucketAt(start);
        if (b.holds(o, shift)) {
            return DUPLICATE;
        }
        b.add(o, shift, sharedDevice(o.deviceId()));
        maxTs = Math.max(maxTs, o.ts());
        return closeDue();
    }

    /**
     * The device id as an open bucket already holds it, else as given: the buckets open at once
     * (the one waiting out its lateness and the next) keep one string for the same device.
     */
    private String sharedDevice(String device) {
        for (int i = 0; i < openCount; i++) {
            String held = open[i].deviceCount > 0 ? open[i].firstDevice : null;
            if (held != null && held.equals(device)) {
                return held;
            }
        }
        return device;
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
        while (i < openCount && open[i].start < start) {
            i++;
        }
        if (i < openCount && open[i].start == start) {
            return open[i];
        }
        if (openCount == open.length) {
            open = Arrays.copyOf(open, openCount + 1); // a reading far ahead of the others: rare
        }
        System.arraycopy(open, i, open, i + 1, openCount - i); // out-of-order readings may open an earlier one
        OpenBucket b = new OpenBucket(start);
        open[i] = b;
        openCount++;
        return b;
    }

    private Result closeDue() {
        List<BucketSummary> out = null;
        while (openCount > 0 && open[0].start + slide + lateness <= maxTs) {
            OpenBucket b = open[0];
            System.arraycopy(open, 1, open, 0, --openCount);
            open[openCount] = null;
            closedUpTo = b.start + slide;
            int slot = closedCount < keep ? (closedHead + closedCount++) % keep : advanceHead();
            setClosed(slot, (int) Math.floorDiv(b.start, slide), (short) Math.min(b.readings, Short.MAX_VALUE),
                    b.median(0), b.median(1), b.median(2));
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
        long start = closedStart(slot) * slide;
        return new BucketSummary(start, start + slide, closedReadings(slot),
                value(closedMedian(slot, 0)), value(closedMedian(slot, 1)), value(closedMedian(slot, 2)));
    }

    private void setClosed(int slot, int start, short readings, short hr, short rr, short spo2) {
        closed[slot * CLOSED_INTS] = start;
        closed[slot * CLOSED_INTS + 1] = readings << 16 | hr & 0xFFFF;
        closed[slot * CLOSED_INTS + 2] = rr << 16 | spo2 & 0xFFFF;
    }

    private int closedStart(int slot) {
        return closed[slot * CLOSED_INTS];
    }

    private short closedReadings(int slot) {
        return (short) (closed[slot * CLOSED_INTS + 1] >>> 16);
    }

    /** Median {@code p} (0 heart rate, 1 respiratory rate, 2 SpO2) of a closed slot, in tenths. */
    private short closedMedian(int slot, int p) {
        int packed = closed[slot * CLOSED_INTS + (p == 0 ? 1 : 2)];
        return (short) (p == 1 ? packed >>> 16 : packed);
    }

    private static Double value(short tenths) {
        return tenths == NONE ? null : tenths / 10.0;
    }

    /** The checkpointed form ({@link io.vitalstorm.core.state.RiskStateCodec} writes it); copies. */
    public WindowState snapshot() {
        int[] starts = new int[closedCount];
        short[] readings = new short[closedCount];
        short[] medians = new short[closedCount * PARAMS];
        for (int k = 0; k < closedCount; k++) {
            int slot = (closedHead + k) % keep;
            starts[k] = closedStart(slot);
            readings[k] = closedReadings(slot);
            for (int p = 0; p < PARAMS; p++) {
                medians[k * PARAMS + p] = closedMedian(slot, p);
            }
        }
        List<WindowState.OpenBucket> buckets = new ArrayList<>(openCount);
        for (int i = 0; i < openCount; i++) {
            buckets.add(open[i].snapshot());
        }
        return new WindowState(maxTs, closedUpTo, lateReadings, starts, readings, medians, buckets);
    }

    /**
     * The window of a checkpoint, as {@link #snapshot} took it; closed buckets beyond this window's
     * size are dropped. Open buckets of format 3 and older carry no identities: the readings already
     * in them are not recognised if replayed.
     */
    public static PatientWindow restore(WindowState s, WindowSettings settings) {
        PatientWindow w = new PatientWindow(settings);
        w.maxTs = s.maxTs();
        w.closedUpTo = s.closedUpTo();
        w.lateReadings = s.lateReadings();
        for (int k = 0; k < s.closedStart().length; k++) {
            int slot = w.closedCount < w.keep ? (w.closedHead + w.closedCount++) % w.keep : w.advanceHead();
            short[] m = s.closedMedians();
            w.setClosed(slot, s.closedStart()[k], s.closedReadings()[k], m[k * PARAMS], m[k * PARAMS + 1],
                    m[k * PARAMS + 2]);
        }
        for (WindowState.OpenBucket b : s.open()) {
            if (w.openCount == w.open.length) {
                w.open = Arrays.copyOf(w.open, w.openCount + 1);
            }
            w.open[w.openCount++] = OpenBucket.restore(b); // in start order
        }
        return w;
    }

    /** Writes the whole window: the window part of the risk checkpoint ({@link WindowStateCodec}). */
    public void writeTo(DataOutput out) throws IOException {
        WindowStateCodec.write(out, snapshot());
    }

    /**
     * Reads a window written by {@link #writeTo}; closed buckets beyond this window's size are dropped.
     *
     * @param withIdentities false for checkpoints written before readings' identities were kept (format 3 and
     *                       older): the readings already in their open buckets are not recognised if replayed
     */
    public static PatientWindow readFrom(DataInput in, WindowSettings settings, boolean withIdentities)
            throws IOException {
        return restore(WindowStateCodec.read(in, withIdentities), settings);
    }

    /**
     * The raw values of one bucket as whole numbers — the chart's resolution for these three
     * vitals — three unsigned bytes per reading (heart rate − 19, respiratory rate, SpO2; 0 when
     * the reading lacks it): 90 bytes for 30 s at 1 Hz. Up to 255 readings a bucket take part in
     * its medians; more are counted only. Each reading's identity is kept too, 4 bytes: its
     * event-time offset in the bucket (24 bits, in units of 1 ms for slides up to 4.6 h) and its
     * device (8 bits, an index into the bucket's own device table: one device in the common case),
     * for up to {@link #MAX_IDENTITIES} readings (34 Hz for 30 s); a replay of a reading beyond
     * those is counted again (its values are not in the medians either way).
     */
    private static final class OpenBucket {
        private static final int MAX_READINGS = 255;
        private static final int MAX_IDENTITIES = 1024;
        /** Index for a device beyond the table (a bucket with more than 255 devices: never in practice). */
        private static final int UNTRACKED_DEVICE = 255;
        private static final int[] OFFSET = {19, 0, 0};
        private static final int[] NO_IDS = new int[0];
        private static final String[] NO_DEVICES = new String[0];

        final long start;
        int readings;
        int size;
        byte[] samples = new byte[3 * 8];
        /** Identities: offset (in units of 2^shift ms) << 8 | device index; none for readings a format-3 bucket had. */
        int identities;
        int[] ids = NO_IDS;
        /** The device table: the first device in a field (most buckets have one), further ones in an array. */
        int deviceCount;
        String firstDevice;
        String[] moreDevices = NO_DEVICES;

        OpenBucket(long start) {
            this.start = start;
        }

        boolean holds(Observation o, int shift) {
            int d = deviceIndex(o.deviceId());
            if (d < 0 || d == UNTRACKED_DEVICE) {
                return false;
            }
            int id = id(o, shift, d);
            for (int k = 0; k < identities; k++) {
                if (ids[k] == id) {
                    return true;
                }
            }
            return false;
        }

        /** @param device {@code o}'s device id, or an equal string already held (kept if the device is new here) */
        void add(Observation o, int shift, String device) {
            readings++;
            remember(o, shift, device);
            if (size / PARAMS >= MAX_READINGS) {
                return;
            }
            if (size == samples.length) {
                samples = Arrays.copyOf(samples, Math.min(samples.length * 2, MAX_READINGS * PARAMS));
            }
            samples[size++] = code(0, o.heartRate());
            samples[size++] = code(1, o.respiratoryRate());
            samples[size++] = code(2, o.spo2());
        }

        private int id(Observation o, int shift, int device) {
            return (int) ((o.ts() - start) >>> shift) << 8 | device;
        }

        private void remember(Observation o, int shift, String device) {
            if (identities == MAX_IDENTITIES) {
                return;
            }
            int d = deviceIndex(device);
            if (d < 0) {
                d = deviceCount < UNTRACKED_DEVICE ? addDevice(device) : UNTRACKED_DEVICE;
            }
            if (identities == ids.length) {
                ids = Arrays.copyOf(ids, Math.min(Math.max(2, ids.length * 2), MAX_IDENTITIES));
            }
            ids[identities++] = id(o, shift, d);
        }

        private int deviceIndex(String device) {
            if (deviceCount > 0 && java.util.Objects.equals(firstDevice, device)) {
                return 0;
            }
            for (int i = 0; i < deviceCount - 1; i++) {
                if (java.util.Objects.equals(moreDevices[i], device)) {
                    return i + 1;
                }
            }
            return -1;
        }

        private String device(int index) {
            return index == 0 ? firstDevice : moreDevices[index - 1];
        }

        private int addDevice(String device) {
            if (deviceCount == 0) {
                firstDevice = device;
            } else {
                moreDevices = Arrays.copyOf(moreDevices, deviceCount);
                moreDevices[deviceCount - 1] = device;
            }
            return deviceCount++;
        }

        private static byte code(int p, Double v) {
            return v == null ? 0 : (byte) Math.max(1, Math.min(255, Math.round(v) - OFFSET[p]));
        }

        short median(int p) {
            int[] values = new int[size / PARAMS];
            int n = 0;
            for (int i = p; i < size; i += PARAMS) {
                int c = Byte.toUnsignedInt(samples[i]);
                if (c != 0) {
                    values[n++] = c + OFFSET[p];
                }
            }
            if (n == 0) {
                return NONE;
            }
            Arrays.sort(values, 0, n);
            return (short) (n % 2 == 1 ? values[n / 2] * 10 : (values[n / 2 - 1] + values[n / 2]) * 5);
        }

        WindowState.OpenBucket snapshot() {
            String[] devices = new String[deviceCount];
            for (int i = 0; i < deviceCount; i++) {
                devices[i] = device(i);
            }
            return new WindowState.OpenBucket(start, readings, Arrays.copyOf(samples, size), devices,
                    Arrays.copyOf(ids, identities));
        }

        static OpenBucket restore(WindowState.OpenBucket s) {
            OpenBucket b = new OpenBucket(s.start());
            b.readings = s.readings();
            b.size = s.samples().length;
            b.samples = Arrays.copyOf(s.samples(), Math.max(b.size, 3 * 8));
            for (String d : s.devices()) {
                b.addDevice(d);
            }
            b.identities = s.ids().length;
            b.ids = b.identities == 0 ? NO_IDS : s.ids().clone();
            return b;
        }
    }
}
