package io.vitalstorm.core.state;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** The trend part of the risk checkpoint. */
final class TrendStateCodec {

    private TrendStateCodec() {
    }

    static void write(DataOutput out, TrendState t) throws IOException {
        out.writeInt(t.newest());
        out.writeByte(t.slotMin().length);
        out.write(t.slotMin());
    }

    static TrendState read(DataInput in) throws IOException {
        int newest = in.readInt();
        byte[] slots = new byte[in.readUnsignedByte()];
        in.readFully(slots);
        return new TrendState(newest, slots);
    }
}
