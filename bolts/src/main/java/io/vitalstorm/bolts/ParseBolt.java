package io.vitalstorm.bolts;

import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.core.model.Observation;
import io.vitalstorm.core.parse.ObservationParser;
import io.vitalstorm.core.parse.ParseResult;
import io.vitalstorm.core.parse.RecordKeys;
import io.vitalstorm.core.parse.Rejection;
import io.vitalstorm.spouts.VitalsRecordTranslator;
import org.apache.storm.task.TopologyContext;
import org.apache.storm.topology.BasicOutputCollector;
import org.apache.storm.topology.OutputFieldsDeclarer;
import org.apache.storm.topology.base.BaseBasicBolt;
import org.apache.storm.tuple.Fields;
import org.apache.storm.tuple.Tuple;
import org.apache.storm.tuple.Values;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * Raw Kafka record (native JSON or FHIR) → validated observations, and/or → the dead-letter topic with the reason and
 * the record's coordinates. Whatever the input, the tuple is acked: a bad record must never make
 * the spout replay it forever or stop the partition. Parsing needs no server, so nothing here is
 * transient: a parser that throws is a defect, and the record goes to the dead-letter topic as
 * {@code INTERNAL_ERROR}.
 */
public final class ParseBolt extends BaseBasicBolt {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ParseBolt.class);

    private transient ObservationParser parser;
    private transient DeadLetters deadLetters;

    @Override
    public void prepare(Map<String, Object> conf, TopologyContext context) {
        parser = new ObservationParser();
        deadLetters = BoltSupport.prepare(conf, context, VitalStormSettings::vitalsTopic).deadLetters();
    }

    @Override
    public void execute(Tuple input, BasicOutputCollector out) {
        byte[] value = input.getBinaryByField(VitalsRecordTranslator.VALUE);
        ParseResult result;
        try {
            result = RecordKeys.keyedTo(input.getStringByField(VitalsRecordTranslator.KEY), parser.parse(value));
        } catch (RuntimeException bug) {
            LOG.error("parser failed on {}/{}@{}", input.getStringByField(VitalsRecordTranslator.TOPIC),
                    input.getIntegerByField(VitalsRecordTranslator.PARTITION),
                    input.getLongByField(VitalsRecordTranslator.OFFSET), bug);
            result = new ParseResult.Invalid(new Rejection(Rejection.Code.INTERNAL_ERROR, "parser failed: " + bug));
        }
        for (Observation o : result.observations()) {
            out.emit(new Values(o.patientId(), o));
        }
        if (!result.rejections().isEmpty()) {
            // one dead letter per input record, naming every refused part (a Bundle may be partly valid)
            out.emit(TupleFields.OUTBOUND_STREAM,
                    deadLetters.ofRecord(input, ParseResult.combine(result.rejections())));
        }
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        declarer.declare(new Fields(TupleFields.PATIENT_ID, TupleFields.OBSERVATION));
        declarer.declareStream(TupleFields.OUTBOUND_STREAM, TupleFields.OUTBOUND_FIELDS);
    }
}
