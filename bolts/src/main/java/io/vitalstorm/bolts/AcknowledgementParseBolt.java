package io.vitalstorm.bolts;

import io.vitalstorm.core.alert.AckCredentials;
import io.vitalstorm.core.alert.AckVerifier;
import io.vitalstorm.core.alert.AcknowledgementParser;
import io.vitalstorm.core.config.AckAuthentication;
import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.core.parse.Rejection;
import io.vitalstorm.spouts.VitalsRecordTranslator;
import org.apache.storm.task.TopologyContext;
import org.apache.storm.topology.BasicOutputCollector;
import org.apache.storm.topology.OutputFieldsDeclarer;
import org.apache.storm.topology.base.BaseBasicBolt;
import org.apache.storm.tuple.Fields;
import org.apache.storm.tuple.Tuple;
import org.apache.storm.tuple.Values;

import java.io.Serializable;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Raw record from the acknowledgements topic → an acknowledgement routed by patient to the alert
 * task that holds the patient's alerts, or → the dead-letter topic with the reason: unparseable
 * (a defect of the parser included: it answers {@code INTERNAL_ERROR} rather than throw), keyed to
 * another patient ({@code WRONG_KEY}), or not proving who acted ({@code UNAUTHENTICATED}: unsigned,
 * forged, unknown key, stale, replayed, or a person's key used for another name; {@link AckVerifier}).
 * Unknown alerts and alerts of another patient are refused by the alert bolt ({@code UNKNOWN_ALERT}).
 */
public final class AcknowledgementParseBolt extends BaseBasicBolt {

    private static final long serialVersionUID = 1L;

    /** The clock the signed ts is checked against; serializable, since the bolt is. */
    interface Clock extends LongSupplier, Serializable {
    }

    private final Clock clock;
    private transient DeadLetters deadLetters;
    private transient AckVerifier verifier;

    public AcknowledgementParseBolt() {
        this(System::currentTimeMillis);
    }

    AcknowledgementParseBolt(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void prepare(Map<String, Object> conf, TopologyContext context) {
        deadLetters = BoltSupport.prepare(conf, context, VitalStormSettings::acknowledgementsTopic).deadLetters();
        // a bad keys file fails here, naming the file
        verifier = AckCredentials.verifier(AckAuthentication.fromMap(conf));
    }

    @Override
    public void execute(Tuple input, BasicOutputCollector out) {
        byte[] value = input.getBinaryByField(VitalsRecordTranslator.VALUE);
        long now = clock.getAsLong();
        AcknowledgementParser.Result r = AcknowledgementParser.parse(value, now); // never throws
        Rejection refused = r.rejection();
        if (refused == null && !r.ack().patientId().equals(input.getStringByField(VitalsRecordTranslator.KEY))) {
            refused = new Rejection(Rejection.Code.WRONG_KEY, "record key is not the acknowledgement's patient "
                    + r.ack().patientId());
        }
        if (refused == null) {
            refused = verifier.check(r.ack(), r.signature(), now);
        }
        if (refused == null) {
            out.emit(new Values(r.ack().patientId(), r.ack()));
            return;
        }
        out.emit(TupleFields.OUTBOUND_STREAM, deadLetters.ofRecord(input, refused));
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        declarer.declare(new Fields(TupleFields.PATIENT_ID, TupleFields.ACKNOWLEDGEMENT));
        declarer.declareStream(TupleFields.OUTBOUND_STREAM, TupleFields.OUTBOUND_FIELDS);
    }
}
