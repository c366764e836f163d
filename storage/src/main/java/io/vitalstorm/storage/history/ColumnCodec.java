package io.vitalstorm.storage.history;

/**
 * Encodings of one column of a block, chosen per column and block by exact cost, like the
 * per-series encodings of Gorilla and TsFile:
 * <ul>
 *   <li>integers: the first value, then the deltas as the cheapest of (a) offsets from the
 *       smallest delta in a fixed width (TS_2DIFF: regular 1 Hz seconds and constant columns cost
 *       0 bits per value), (b) a zero flag plus zig-zag deltas in a fixed width (mostly unchanged
 *       series with jumps), (c) a tiered code 0 / ±1 / other (slowly drifting vitals);</li>
 *   <li>doubles: as integers scaled by 10^s when every value is exactly a decimal with at most 3
 *       places (vitals are), otherwise Gorilla XOR of the raw IEEE bits (any double exactly: NaN
 *       payloads, -0.0, infinities).</li>
 * </ul>
 * Presence is per column: all present, none, or a bitmap.
 */
final class ColumnCodec {

    private static final int OFFSET = 0;
    private static final int ZERO_FLAG = 1;
    private static final int TIERED = 2;
    private static final int CONSTANT = 3;

    private static final int ABSENT = 0;
    private static final int PRESENT = 1;
    private static final int BITMAP = 2;

    private static final int DECIMAL = 0;
    private static final int XOR = 1;
    private static final double[] POW10 = {1, 10, 100, 1000};
    private static final double MAX_EXACT = 1L << 52;

    private ColumnCodec() {
    }

    /** Writes which of {@code n} rows have a value; returns how many do. */
    static int writePresence(BitWriter w, boolean[] present, int n) {
        int count = 0;
        for (int i = 0; i < n; i++) {
            count += present[i] ? 1 : 0;
        }
        if (count == 0) {
            w.write(ABSENT, 2);
        } else if (count == n) {
            w.write(PRESENT, 2);
        } else {
            w.write(BITMAP, 2);
            for (int i = 0; i < n; i++) {
                w.writeBit(present[i] ? 1 : 0);
            }
        }
        return count;
    }

    static boolean[] readPresence(BitReader r, int n) {
        boolean[] present = new boolean[n];
        int tag = (int) r.read(2);
        switch (tag) {
            case ABSENT -> { }
            case PRESENT -> java.util.Arrays.fill(present, true);
            case BITMAP -> {
                for (int i = 0; i < n; i++) {
                    present[i] = r.readBit() == 1;
                }
            }
            default -> throw new IllegalArgumentException("corrupt history block: presence tag " + tag);
        }
        return present;
    }

    static void writeLongs(BitWriter w, long[] v, int n) {
        if (n == 0) {
            return;
        }
        w.writeSignedVarLong(v[0]);
        if (n == 1) {
            return;
        }
        boolean constant = true;
        for (int i = 1; i < n && constant; i++) {
            constant = v[i] == v[0];
        }
        if (constant) {
            w.write(CONSTANT, 2); // flags, bands, a device: most columns of a block never change
            return;
        }
        long minDelta = Long.MAX_VALUE;
        long maxResidualBits = 0;
        long maxZz = 0;
        for (int i = 1; i < n; i++) {
            minDelta = Math.min(minDelta, v[i] - v[i - 1]);
        }
        long zeroFlagCost = 0;
        long tieredCost = 0;
        for (int i = 1; i < n; i++) {
            long d = v[i] - v[i - 1];
            maxResidualBits |= d - minDelta;
            long zz = BitWriter.zigzag(d);
            maxZz |= zz;
            zeroFlagCost++;
            tieredCost += zz == 0 ? 1 : zz <= 2 ? 3 : 2;
        }
        int offsetWidth = BitWriter.width(maxResidualBits);
        int zzWidth = BitWriter.width(maxZz);
        long nonZero = 0;
        long wide = 0;
        for (int i = 1; i < n; i++) {
            long zz = BitWriter.zigzag(v[i] - v[i - 1]);
            nonZero += zz == 0 ? 0 : 1;
            wide += zz > 2 ? 1 : 0;
        }
        long offsetCost = 16 + (long) offsetWidth * (n - 1);
        zeroFlagCost += nonZero * zzWidth;
        tieredCost += wide * zzWidth;
        if (offsetCost <= zeroFlagCost && offsetCost <= tieredCost) {
            w.write(OFFSET, 2);
            w.writeSignedVarLong(minDelta);
            w.write(offsetWidth, 7);
            for (int i = 1; i < n; i++) {
                w.write(v[i] - v[i - 1] - minDelta, offsetWidth);
            }
        } else if (zeroFlagCost <= tieredCost) {
            w.write(ZERO_FLAG, 2);
            w.write(zzWidth, 7);
            for (int i = 1; i < n; i++) {
                long zz = BitWriter.zigzag(v[i] - v[i - 1]);
                if (zz == 0) {
                    w.writeBit(0);
                } else {
                    w.writeBit(1);
                    w.write(zz, zzWidth);
                }
            }
        } else {
            w.write(TIERED, 2);
            w.write(zzWidth, 7);
            for (int i = 1; i < n; i++) {
                long zz = BitWriter.zigzag(v[i] - v[i - 1]);
                if (zz == 0) {
                    w.writeBit(0);
                } else if (zz <= 2) {
                    w.write(0b100 | (zz - 1), 3);
                } else {
                    w.write(0b11, 2);
                    w.write(zz, zzWidth);
                }
            }
        }
    }

    static long[] readLongs(BitReader r, int n) {
        long[] v = new long[n];
        if (n == 0) {
            return v;
        }
        v[0] = r.readSignedVarLong();
        if (n == 1) {
            return v;
        }
        int scheme = (int) r.read(2);
        switch (scheme) {
            case CONSTANT -> java.util.Arrays.fill(v, v[0]);
            case OFFSET -> {
                long minDelta = r.readSignedVarLong();
                int width = width(r);
                for (int i = 1; i < n; i++) {
                    v[i] = v[i - 1] + minDelta + r.read(width);
                }
            }
            case ZERO_FLAG -> {
                int width = width(r);
                for (int i = 1; i < n; i++) {
                    v[i] = v[i - 1] + (r.readBit() == 0 ? 0 : BitWriter.unzigzag(r.read(width)));
                }
            }
            case TIERED -> {
                int width = width(r);
                for (int i = 1; i < n; i++) {
                    long zz;
                    if (r.readBit() == 0) {
                        zz = 0;
                    } else if (r.readBit() == 0) {
                        zz = 1 + r.readBit();
                    } else {
                        zz = r.read(width);
                    }
                    v[i] = v[i - 1] + BitWriter.unzigzag(zz);
                }
            }
            default -> throw new IllegalArgumentException("corrupt history block: integer scheme " + scheme);
        }
        return v;
    }

    static void writeDoubles(BitWriter w, double[] v, int n) {
        if (n == 0) {
            return;
        }
        int scale = decimalScale(v, n);
        if (scale >= 0) {
            w.write(DECIMAL, 1);
            w.write(scale, 2);
            long[] scaled = new long[n];
            for (int i = 0; i < n; i++) {
                scaled[i] = Math.round(v[i] * POW10[scale]);
            }
            writeLongs(w, scaled, n);
            return;
        }
        w.write(XOR, 1);
        long prev = Double.doubleToRawLongBits(v[0]);
        w.write(prev, 64);
        int prevLead = -1;
        int prevTrail = 0;
        for (int i = 1; i < n; i++) {
            long bits = Double.doubleToRawLongBits(v[i]);
            long x = bits ^ prev;
            prev = bits;
            if (x == 0) {
                w.writeBit(0);
                continue;
            }
            w.writeBit(1);
            int lead = Long.numberOfLeadingZeros(x);
            int trail = Long.numberOfTrailingZeros(x);
            if (prevLead >= 0 && lead >= prevLead && trail >= prevTrail) {
                w.writeBit(0);
                w.write(x >>> prevTrail, 64 - prevLead - prevTrail);
            } else {
                int len = 64 - lead - trail;
                w.writeBit(1);
                w.write(lead, 6);
                w.write(len - 1, 6);
                w.write(x >>> trail, len);
                prevLead = lead;
                prevTrail = trail;
            }
        }
    }

    static double[] readDoubles(BitReader r, int n) {
        double[] v = new double[n];
        if (n == 0) {
            return v;
        }
        if (r.read(1) == DECIMAL) {
            double pow = POW10[(int) r.read(2)];
            long[] scaled = readLongs(r, n);
            for (int i = 0; i < n; i++) {
                v[i] = scaled[i] / pow;
            }
            return v;
        }
        long prev = r.read(64);
        v[0] = Double.longBitsToDouble(prev);
        int lead = 0;
        int trail = 0;
        for (int i = 1; i < n; i++) {
            if (r.readBit() == 1) {
                if (r.readBit() == 1) {
                    lead = (int) r.read(6);
                    int len = (int) r.read(6) + 1;
                    trail = 64 - lead - len;
                    if (trail < 0) {
                        throw new IllegalArgumentException("corrupt history block: XOR window");
                    }
                }
                prev ^= r.read(64 - lead - trail) << trail;
            }
            v[i] = Double.longBitsToDouble(prev);
        }
        return v;
    }

    /** The fewest decimal places (0..3) that give every value back bit for bit, or -1. */
    static int decimalScale(double[] v, int n) {
        for (int s = 0; s < POW10.length; s++) {
            if (allDecimal(v, n, s)) {
                return s;
            }
        }
        return -1;
    }

    private static boolean allDecimal(double[] v, int n, int s) {
        for (int i = 0; i < n; i++) {
            double scaled = v[i] * POW10[s];
            if (!(Math.abs(scaled) < MAX_EXACT)) {
                return false; // also NaN and infinities
            }
            long k = Math.round(scaled);
            if (Double.doubleToRawLongBits(k / POW10[s]) != Double.doubleToRawLongBits(v[i])) {
                return false; // -0.0 too: 0 / 10^s is +0.0
            }
        }
        return true;
    }

    private static int width(BitReader r) {
        int width = (int) r.read(7);
        if (width > 64) {
            throw new IllegalArgumentException("corrupt history block: width " + width);
        }
        return width;
    }
}
