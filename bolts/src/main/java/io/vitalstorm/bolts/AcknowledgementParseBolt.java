package io.vitalstorm.bolts;

import io.vitalstorm.core.alert.AcknowledgementParser;
import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.spouts.VitalsRecordTranslator;
import org.apache.storm.task.TopologyContext;
import org.apache.storm.topology.BasicOutputCollector;
import org.apache.storm.topology.OutputFieldsDeclarer;
import org.apache.storm.topology.base.BaseBasicBolt;
import org.apache.storm.tuple.Fields;
import org.apache.storm.tuple.Tuple;
import org.apache.storm.tuple.Values;

import java.util.Map;

/**
 * Raw record from the acknowledgements topic → an acknowledgement routed by patient to the alert
 * task that holds the patient's alerts, or → the dead-letter topic with the reason (a defect of
 * the parser included: it answers {@code INTERNAL_ERROR} rather than throw).
 */
public final class AcknowledgementParseBolt extends BaseBasicBolt {

    private static final long serialVersionUID = 1L;

    private transient DeadLetters deadLetters;

    @Override
    public void prepare(Map<String, Object> conf, TopologyContext context) {
        deadLetters = BoltSupport.prepare(conf, context, VitalStormSettings::acknowledgementsTopic).deadLetters();
    }

    @Override
    public void execute(Tuple input, BasicOutputCollector out) {
        byte[] value = input.getBinaryByField(VitalsRecordTranslator.VALUE);
        AcknowledgementParser.Result r = AcknowledgementParser.parse(value, System.currentTimeMillis()); // never throws
        if (r.ack() != null) {
            out.emit(new Values(r.ack().patientId(), r.ack()));
            return;
        }
        out.emit(TupleFields.OUTBOUND_STREAM, deadLetters.ofRecord(input, r.rejection()));
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        declarer.declare(new Fields(TupleFields.PATIENT_ID, TupleFields.ACKNOWLEDGEMENT));
        declarer.declareStream(TupleFields.OUTBOUND_STREAM, TupleFields.OUTBOUND_FIELDS);
    }
}
