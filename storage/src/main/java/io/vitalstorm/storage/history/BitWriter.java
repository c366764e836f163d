package io.vitalstorm.storage.history;

import java.util.Arrays;

/** Appends bit fields, most significant bit first, to a growable byte array. */
final class BitWriter {

    private byte[] buf = new byte[64];
    private long bits;

    void write(long value, int n) {
        while (n > 0) {
            int index = (int) (bits >>> 3);
            if (index >= buf.length - 8) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            int free = 8 - (int) (bits & 7);
            int take = Math.min(free, n);
            int chunk = (int) ((value >>> (n - take)) & ((1 << take) - 1));
            buf[index] |= (byte) (chunk << (free - take));
            bits += take;
            n -= take;
        }
    }

    void writeBit(long bit) {
        int index = (int) (bits >>> 3);
        if (index == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        if (bit != 0) {
            buf[index] |= (byte) (0x80 >>> (bits & 7));
        }
        bits++;
    }

    /** Unsigned LEB128-style groups of 7 bits: small header numbers take one byte. */
    void writeVarLong(long v) {
        while ((v & ~0x7FL) != 0) {
            write((v & 0x7F) | 0x80, 8);
            v >>>= 7;
        }
        write(v, 8);
    }

    void writeSignedVarLong(long v) {
        writeVarLong(zigzag(v));
    }

    byte[] toBytes() {
        return Arrays.copyOf(buf, (int) ((bits + 7) >>> 3));
    }

    static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    static long unzigzag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }

    /** Bits needed for an unsigned value (0 for 0). */
    static int width(long v) {
        return 64 - Long.numberOfLeadingZeros(v);
    }
}
