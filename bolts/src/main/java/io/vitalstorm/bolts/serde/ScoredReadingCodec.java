package io.vitalstorm.bolts.serde;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.vitalstorm.core.news2.ScoredObservation;
import io.vitalstorm.spouts.HistoryRecordTranslator;

/**
 * A scored reading as a Kafka record value on the history topic: a version byte, then the
 * layout the workers already use between them ({@link DomainCodec}). A value of another version
 * or a damaged one is refused with {@link IllegalArgumentException}.
 */
public final class ScoredReadingCodec {

    private static final byte VERSION = HistoryRecordTranslator.SCORED_READING;

    private ScoredReadingCodec() {
    }

    public static byte[] encode(ScoredObservation s) {
        Output out = new Output(256, 64 * 1024);
        out.writeByte(VERSION);
        DomainCodec.writeScored(out, s);
        return out.toBytes();
    }

    public static ScoredObservation decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0 || bytes[0] != VERSION) {
            throw new IllegalArgumentException("not a scored reading of version " + VERSION);
        }
        try (Input in = new Input(bytes, 1, bytes.length - 1)) {
            ScoredObservation s = DomainCodec.readScored(in);
            if (in.position() != bytes.length) {
                throw new IllegalArgumentException("scored reading followed by " + (bytes.length - in.position())
                        + " bytes");
            }
            return s;
        } catch (KryoException | IndexOutOfBoundsException | NullPointerException e) {
            throw new IllegalArgumentException("damaged scored reading: " + e.getMessage(), e);
        }
    }
}
