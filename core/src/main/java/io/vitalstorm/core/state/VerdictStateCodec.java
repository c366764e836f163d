package io.vitalstorm.core.state;

import io.vitalstorm.core.news2.RiskBand;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The recent-verdicts part of the risk checkpoint (format 5): a device table (count byte, each a
 * presence boolean and UTF), then the entries (count byte, each the event time as a long, the device
 * index, band ordinal and NEWS2 total, and the two reasons as a code byte: none, the checkpoint's
 * current reason, the previous entry's, or a UTF that follows). Verdicts change seldom, so most
 * reasons cost a byte.
 */
final class VerdictStateCodec {

    private static final int NONE = 0;
    private static final int CURRENT = 1;
    private static final int PREVIOUS = 2;
    private static final int TEXT = 3;

    private VerdictStateCodec() {
    }

    static void write(DataOutput out, VerdictState v, String news2Reason, String trendReason) throws IOException {
        List<String> devices = new ArrayList<>(2);
        for (String d : v.devices()) {
            if (!devices.contains(d)) {
                devices.add(d);
            }
        }
        out.writeByte(devices.size());
        for (String d : devices) {
            out.writeBoolean(d != null);
            out.writeUTF(d == null ? "" : d);
        }
        out.writeByte(v.size());
        for (int k = 0; k < v.size(); k++) {
            out.writeLong(v.ts()[k]);
            out.writeByte(devices.indexOf(v.devices()[k]));
            out.writeByte(v.bands()[k].ordinal());
            out.writeShort(v.news2Totals()[k]);
            writeReason(out, v.news2Reasons()[k], news2Reason, k == 0 ? null : v.news2Reasons()[k - 1]);
            writeReason(out, v.trendReasons()[k], trendReason, k == 0 ? null : v.trendReasons()[k - 1]);
        }
    }

    static VerdictState read(DataInput in, String news2Reason, String trendReason) throws IOException {
        String[] table = new String[in.readUnsignedByte()];
        for (int i = 0; i < table.length; i++) {
            boolean present = in.readBoolean();
            String d = in.readUTF();
            table[i] = present ? d : null;
        }
        int n = in.readUnsignedByte();
        VerdictState v = new VerdictState(new long[n], new String[n], new RiskBand[n], new int[n], new String[n],
                new String[n]);
        for (int k = 0; k < n; k++) {
            v.ts()[k] = in.readLong();
            v.devices()[k] = table[in.readUnsignedByte()];
            v.bands()[k] = RiskBand.values()[in.readUnsignedByte()];
            v.news2Totals()[k] = in.readShort();
            v.news2Reasons()[k] = readReason(in, news2Reason, k == 0 ? null : v.news2Reasons()[k - 1]);
            v.trendReasons()[k] = readReason(in, trendReason, k == 0 ? null : v.trendReasons()[k - 1]);
        }
        return v;
    }

    private static void writeReason(DataOutput out, String reason, String current, String previous)
            throws IOException {
        if (reason == null) {
            out.writeByte(NONE);
        } else if (reason.equals(current)) {
            out.writeByte(CURRENT);
        } else if (reason.equals(previous)) {
            out.writeByte(PREVIOUS);
        } else {
            out.writeByte(TEXT);
            out.writeUTF(reason);
        }
    }

    private static String readReason(DataInput in, String current, String previous) throws IOException {
        int code = in.readUnsignedByte();
        return switch (code) {
            case NONE -> null;
            case CURRENT -> current;
            case PREVIOUS -> previous;
            case TEXT -> in.readUTF();
            default -> throw new IOException("unknown reason code " + code);
        };
    }
}
