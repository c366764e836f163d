package io.vitalstorm.storage.history;

/** Reads what {@link BitWriter} wrote; running past the end is a corrupt block, not a crash. */
final class BitReader {

    private final byte[] buf;
    private long bit;

    BitReader(byte[] buf) {
        this.buf = buf;
    }

    long read(int n) {
        if (bit + n > buf.length * 8L) {
            throw new IllegalArgumentException("corrupt history block: truncated at bit " + bit);
        }
        long v = 0;
        while (n > 0) {
            int index = (int) (bit >>> 3);
            int free = 8 - (int) (bit & 7);
            int take = Math.min(free, n);
            int chunk = (buf[index] >>> (free - take)) & ((1 << take) - 1);
            v = (v << take) | chunk;
            bit += take;
            n -= take;
        }
        return v;
    }

    int readBit() {
        int index = (int) (bit >>> 3);
        if (index >= buf.length) {
            throw new IllegalArgumentException("corrupt history block: truncated at bit " + bit);
        }
        int b = (buf[index] >>> (7 - (bit & 7))) & 1;
        bit++;
        return b;
    }

    long readVarLong() {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            long b = read(8);
            v |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new IllegalArgumentException("corrupt history block: varint too long");
    }

    long readSignedVarLong() {
        return BitWriter.unzigzag(readVarLong());
    }
}
