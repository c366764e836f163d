package io.vitalstorm.bolts;

import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.registrysync.adt.AdtApplier;
import io.vitalstorm.registrysync.adt.AdtOutcome;
import io.vitalstorm.registrysync.adt.AdtParseResult;
import io.vitalstorm.registrysync.adt.AdtParser;
import io.vitalstorm.spouts.VitalsRecordTranslator;
import io.vitalstorm.storage.PatientDirectory;
import io.vitalstorm.storage.cassandra.Discharges;
import org.apache.storm.task.TopologyContext;
import org.apache.storm.topology.BasicOutputCollector;
import org.apache.storm.topology.OutputFieldsDeclarer;
import org.apache.storm.topology.base.BaseBasicBolt;
import org.apache.storm.tuple.Fields;
import org.apache.storm.tuple.Tuple;
import org.apache.storm.tuple.Values;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Map;

/**
 * Raw record from the ADT topic (HL7 v2 or FHIR Encounter) → a registry change (the next readings
 * are enriched with it), a discharge for the alert task that holds the patient's alerts, or the
 * dead-letter topic with the reason. Registry unreachable: the tuple fails and Kafka replays it
 * (bounded, then a RETRIES_EXHAUSTED dead letter); a defect dead-letters the record at once.
 */
public final class AdtBolt extends BaseBasicBolt {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(AdtBolt.class);
    /** Discharges, grouped by patient to the alert bolt: it resolves the patient's open alerts. */
    public static final String DISCHARGES_STREAM = "discharges";
    public static final String DISCHARGED_AT = "dischargedAt";
    public static final String DETAIL = "detail";

    private final ClientFactory<PatientDirectory> directoryFactory;
    private final ClientFactory<Discharges> dischargesFactory;
    private transient AdtParser parser;
    private transient AdtApplier applier;
    private transient BoltSupport support;

    public AdtBolt() {
        this(WorkerResources::directory, s -> new Discharges(WorkerResources.cassandra(s), s.cassandraKeyspace()));
    }

    AdtBolt(ClientFactory<PatientDirectory> directoryFactory, ClientFactory<Discharges> dischargesFactory) {
        this.directoryFactory = directoryFactory;
        this.dischargesFactory = dischargesFactory;
    }

    @Override
    public void prepare(Map<String, Object> conf, TopologyContext context) {
        support = BoltSupport.prepare(conf, context, VitalStormSettings::adtTopic);
        VitalStormSettings s = support.settings();
        parser = new AdtParser();
        applier = new AdtApplier(directoryFactory.create(s), dischargesFactory.create(s), Clock.systemUTC());
    }

    @Override
    public void execute(Tuple input, BasicOutputCollector out) {
        AdtParseResult r = parser.parse(input.getBinaryByField(VitalsRecordTranslator.VALUE)); // never throws
        if (r.event() == null) {
            out.emit(TupleFields.OUTBOUND_STREAM, support.deadLetters().ofRecord(input, r.rejection()));
            return;
        }
        String key = "adt:" + input.getIntegerByField(VitalsRecordTranslator.PARTITION) + "@"
                + input.getLongByField(VitalsRecordTranslator.OFFSET);
        AdtOutcome outcome;
        try {
            outcome = applier.apply(r.event());
        } catch (RuntimeException e) {
            support.failOrGiveUp(key, e, out, rejection -> support.deadLetters().ofRecord(input, rejection));
            return;
        }
        support.succeeded(() -> key);
        LOG.info("adt patient={} change={} provisional={} at={} {}", outcome.patientId(), outcome.change(),
                outcome.provisional(), outcome.eventTime(), outcome.detail());
        if (outcome.discharged()) {
            out.emit(DISCHARGES_STREAM,
                    new Values(outcome.patientId(), outcome.eventTime().toEpochMilli(), outcome.detail()));
        }
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        declarer.declareStream(TupleFields.OUTBOUND_STREAM, TupleFields.OUTBOUND_FIELDS);
        declarer.declareStream(DISCHARGES_STREAM, new Fields(TupleFields.PATIENT_ID, DISCHARGED_AT, DETAIL));
    }
}
