package io.vitalstorm.core.state;

import io.vitalstorm.core.news2.RiskBand;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A patient's risk checkpoint ({@code vs:state:<patientId>}): the first byte is the format, then the
 * window settings (four longs, ms), the latest vitals, the window, the trend, the two runs (shorts),
 * the band (ordinal byte), the NEWS2 total (short), the two reasons (UTF, empty for none) and the
 * recent readings' verdicts ({@link VerdictStateCodec}).
 * Writes {@link #FORMAT}; reads it and every older format still in service.
 */
public final class RiskStateCodec {

    /** The format written. A checkpoint of a format not read here is refused: the patient starts afresh. */
    public static final int FORMAT = 5;
    /** Format 4 kept no verdicts of recent readings: still read (their replays carry the current findings). */
    static final int FORMAT_WITHOUT_VERDICTS = 4;
    /** Format 3 kept no identities of the readings in open buckets: still read (their replays are absorbed again). */
    static final int FORMAT_WITHOUT_IDENTITIES = 3;
    /** Format 2 had no measuring source per parameter: still read (sources unknown), so upgrades cold-start no one. */
    static final int FORMAT_WITHOUT_SOURCES = 2;

    private RiskStateCodec() {
    }

    public static byte[] encode(RiskState s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeLong(s.windowSizeMillis());
            out.writeLong(s.slideMillis());
            out.writeLong(s.allowedLatenessMillis());
            out.writeLong(s.sustainMillis());
            VitalsStateCodec.write(out, s.latest());
            WindowStateCodec.write(out, s.window());
            TrendStateCodec.write(out, s.trend());
            out.writeShort(s.news2Run());
            out.writeShort(s.slopeRun());
            out.writeByte(s.news2Band().ordinal());
            out.writeShort(s.news2Total());
            out.writeUTF(s.news2Reason() == null ? "" : s.news2Reason());
            out.writeUTF(s.trendReason() == null ? "" : s.trendReason());
            VerdictStateCodec.write(out, s.verdicts(), s.news2Reason(), s.trendReason());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Reads a checkpoint of any format read here; an unknown or damaged one is an IllegalArgumentException. */
    public static RiskState decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int format = in.readUnsignedByte();
            if (format != FORMAT && format != FORMAT_WITHOUT_VERDICTS && format != FORMAT_WITHOUT_IDENTITIES
                    && format != FORMAT_WITHOUT_SOURCES) {
                throw new IllegalArgumentException("unknown risk state format " + format);
            }
            long size = in.readLong();
            long slide = in.readLong();
            long lateness = in.readLong();
            long sustain = in.readLong();
            VitalsState latest = VitalsStateCodec.read(in, format != FORMAT_WITHOUT_SOURCES);
            WindowState window = WindowStateCodec.read(in, format >= FORMAT_WITHOUT_VERDICTS);
            TrendState trend = TrendStateCodec.read(in);
            int news2Run = in.readShort();
            int slopeRun = in.readShort();
            RiskBand band = RiskBand.values()[in.readUnsignedByte()];
            int news2Total = in.readShort();
            String news2Reason = reason(in.readUTF());
            String trendReason = reason(in.readUTF());
            VerdictState verdicts = format == FORMAT ? VerdictStateCodec.read(in, news2Reason, trendReason)
                    : VerdictState.NONE;
            return new RiskState(size, slide, lateness, sustain, latest, window, trend, news2Run, slopeRun, band,
                    news2Total, news2Reason, trendReason, verdicts);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("unreadable risk state: " + e, e);
        }
    }

    private static String reason(String stored) {
        return stored.isEmpty() ? null : stored;
    }
}
