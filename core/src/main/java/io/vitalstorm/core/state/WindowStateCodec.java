package io.vitalstorm.core.state;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The window part of the risk checkpoint. */
public final class WindowStateCodec {

    private static final int PARAMS = 3;
    private static final String[] NO_DEVICES = new String[0];
    private static final int[] NO_IDS = new int[0];

    private WindowStateCodec() {
    }

    public static void write(DataOutput out, WindowState w) throws IOException {
        out.writeLong(w.maxTs());
        out.writeLong(w.closedUpTo());
        out.writeInt(w.lateReadings());
        out.writeByte(w.closedStart().length);
        for (int k = 0; k < w.closedStart().length; k++) {
            out.writeInt(w.closedStart()[k]);
            out.writeShort(w.closedReadings()[k]);
            for (int p = 0; p < PARAMS; p++) {
                out.writeShort(w.closedMedians()[k * PARAMS + p]);
            }
        }
        out.writeByte(w.open().size());
        for (WindowState.OpenBucket b : w.open()) {
            out.writeLong(b.start());
            out.writeInt(b.readings());
            out.writeShort(b.samples().length);
            out.write(b.samples());
            out.writeByte(b.devices().length);
            for (String d : b.devices()) {
                out.writeBoolean(d != null);
                out.writeUTF(d == null ? "" : d);
            }
            out.writeShort(b.ids().length);
            for (int id : b.ids()) {
                out.writeInt(id);
            }
        }
    }

    /** @param withIdentities false for format 3 and older, whose open buckets kept no devices and identities */
    public static WindowState read(DataInput in, boolean withIdentities) throws IOException {
        long maxTs = in.readLong();
        long closedUpTo = in.readLong();
        int lateReadings = in.readInt();
        int closed = in.readUnsignedByte();
        int[] closedStart = new int[closed];
        short[] closedReadings = new short[closed];
        short[] closedMedians = new short[closed * PARAMS];
        for (int k = 0; k < closed; k++) {
            closedStart[k] = in.readInt();
            closedReadings[k] = in.readShort();
            for (int p = 0; p < PARAMS; p++) {
                closedMedians[k * PARAMS + p] = in.readShort();
            }
        }
        int openBuckets = in.readUnsignedByte();
        List<WindowState.OpenBucket> open = new ArrayList<>(openBuckets);
        for (int k = 0; k < openBuckets; k++) {
            long start = in.readLong();
            int readings = in.readInt();
            byte[] samples = new byte[in.readUnsignedShort()];
            in.readFully(samples);
            String[] devices = NO_DEVICES;
            int[] ids = NO_IDS;
            if (withIdentities) {
                devices = new String[in.readUnsignedByte()];
                for (int i = 0; i < devices.length; i++) {
                    boolean present = in.readBoolean();
                    String d = in.readUTF();
                    devices[i] = present ? d : null;
                }
                ids = new int[in.readUnsignedShort()];
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = in.readInt();
                }
            }
            open.add(new WindowState.OpenBucket(start, readings, samples, devices, ids));
        }
        return new WindowState(maxTs, closedUpTo, lateReadings, closedStart, closedReadings, closedMedians, open);
    }
}
