package io.vitalstorm.bolts.serde;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.vitalstorm.core.alert.AlertEvent;
import io.vitalstorm.spouts.HistoryRecordTranslator;

/**
 * An alert transition as a Kafka record value on the history topic, on its way to the Cassandra
 * alert store: the kind byte {@link HistoryRecordTranslator#ALERT_TRANSITION}, then the layout the
 * workers already use between them ({@link DomainCodec}). A damaged value is refused with
 * {@link IllegalArgumentException}.
 */
public final class AlertTransitionCodec {

    private AlertTransitionCodec() {
    }

    public static byte[] encode(AlertEvent e) {
        Output out = new Output(512, 64 * 1024);
        out.writeByte(HistoryRecordTranslator.ALERT_TRANSITION);
        DomainCodec.writeAlert(out, e);
        return out.toBytes();
    }

    public static AlertEvent decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0 || bytes[0] != HistoryRecordTranslator.ALERT_TRANSITION) {
            throw new IllegalArgumentException("not an alert transition");
        }
        try (Input in = new Input(bytes, 1, bytes.length - 1)) {
            AlertEvent e = DomainCodec.readAlert(in);
            if (in.position() != bytes.length) {
                throw new IllegalArgumentException("alert transition followed by " + (bytes.length - in.position())
                        + " bytes");
            }
            return e;
        } catch (KryoException | IndexOutOfBoundsException | NullPointerException e) {
            throw new IllegalArgumentException("damaged alert transition: " + e.getMessage(), e);
        }
    }
}
