package io.vitalstorm.core.state;

import io.vitalstorm.core.news2.Parameter;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** The latest-vitals part of the risk checkpoint. */
final class VitalsStateCodec {

    private static final int PARAMETERS = Parameter.values().length;

    private VitalsStateCodec() {
    }

    static void write(DataOutput out, VitalsState v) throws IOException {
        out.writeLong(v.lastSeen());
        for (int i = 0; i < PARAMETERS; i++) {
            out.writeLong(v.measuredAt()[i]);
            if (v.measuredAt()[i] != VitalsState.NEVER) {
                out.writeFloat(v.value()[i]);
                out.writeInt(v.source()[i]);
                out.writeLong(v.sentAt()[i]);
            }
        }
    }

    /** @param withSources false for format 2, which kept no source: none, and last sent when measured */
    static VitalsState read(DataInput in, boolean withSources) throws IOException {
        long lastSeen = in.readLong();
        long[] measuredAt = new long[PARAMETERS];
        float[] value = new float[PARAMETERS];
        int[] source = new int[PARAMETERS];
        long[] sentAt = new long[PARAMETERS];
        for (int i = 0; i < PARAMETERS; i++) {
            measuredAt[i] = in.readLong();
            if (measuredAt[i] != VitalsState.NEVER) {
                value[i] = in.readFloat();
                if (withSources) {
                    source[i] = in.readInt();
                    sentAt[i] = in.readLong();
                } else {
                    sentAt[i] = measuredAt[i];
                }
            }
        }
        return new VitalsState(lastSeen, measuredAt, value, source, sentAt);
    }
}
