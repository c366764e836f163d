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
 * task that holds the patient's alerts, or → the dead-letter topic with the reason.
 */
public final class AcknowledgementParseBolt extends BaseBasicBolt {

    private static final long serialVersionUID = 1L;

    private transient String deadLetterTopic;

    @Override
    public void prepare(Map<String, Object> conf, TopologyContext context) {
        deadLetterTopic = VitalStormSettings.fromMap(conf).deadLetterTopic();
    }

    @Override
    public void execute(Tuple input, BasicOutputCollector out) {
        byte[] value = input.getBinaryByField(VitalsRecordTranslator.VALUE);
        AcknowledgementParser.Result r = AcknowledgementParser.parse(value, System.currentTimeMillis());
        if (r.ack() != null) {
            out.emit(new Values(r.ack().patientId(), r.ack()));
            return;
        }
        out.emit(TupleFields.OUTBOUND_STREAM, RecordDeadLetters.outbound(deadLetterTopic, input, r.rejection()));
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        declarer.declare(new Fields(TupleFields.PATIENT_ID, TupleFields.ACKNOWLEDGEMENT));
        declarer.declareStream(TupleFields.OUTBOUND_STREAM, TupleFields.OUTBOUND_FIELDS);
    }
}
