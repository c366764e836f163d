package io.vitalstorm.bolts;

import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.core.model.Observation;
import io.vitalstorm.core.model.PatientProfile;
import io.vitalstorm.storage.PatientDirectory;
import io.vitalstorm.storage.ProfileEnricher;
import io.vitalstorm.storage.TaskProfileCache;
import org.apache.storm.task.TopologyContext;
import org.apache.storm.topology.BasicOutputCollector;
import org.apache.storm.topology.OutputFieldsDeclarer;
import org.apache.storm.topology.base.BaseBasicBolt;
import org.apache.storm.tuple.Fields;
import org.apache.storm.tuple.Tuple;
import org.apache.storm.tuple.Values;

import java.util.Map;
import java.util.Optional;

/**
 * Fuses each observation with its patient's registry profile. An unknown patient is still
 * passed on (scored on SpO2 scale 1, flagged {@code knownPatient=false}), never dropped. If
 * Redis or Cassandra is down the tuple fails and Kafka replays it later, so a registry outage
 * never turns a known patient into an unknown one (after the retries, docs/reliability.md).
 */
public final class EnrichBolt extends BaseBasicBolt {

    private static final long serialVersionUID = 1L;
    private final ClientFactory<PatientDirectory> directoryFactory;
    private transient TaskProfileCache local;
    private transient BoltSupport support;

    public EnrichBolt() {
        this(WorkerResources::directory);
    }

    /** For tests: the registry comes from {@code directoryFactory}. */
    EnrichBolt(ClientFactory<PatientDirectory> directoryFactory) {
        this.directoryFactory = directoryFactory;
    }

    @Override
    public void prepare(Map<String, Object> conf, TopologyContext context) {
        support = BoltSupport.prepare(conf, context, VitalStormSettings::vitalsTopic);
        local = ProfileEnricher.newTaskCache(directoryFactory.create(support.settings()));
    }

    @Override
    public void execute(Tuple input, BasicOutputCollector out) {
        Observation o = (Observation) input.getValueByField(TupleFields.OBSERVATION);
        Optional<PatientProfile> profile;
        try {
            profile = local.find(o.patientId());
        } catch (RuntimeException e) {
            support.failOrGiveUp(BoltSupport.readingKey(o), e, out,
                    rejection -> support.deadLetters().ofReading(o, rejection));
            return;
        }
        support.succeeded(() -> BoltSupport.readingKey(o));
        out.emit(new Values(o.patientId(), ProfileEnricher.enriched(o, profile)));
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        declarer.declare(new Fields(TupleFields.PATIENT_ID, TupleFields.ENRICHED));
        declarer.declareStream(TupleFields.OUTBOUND_STREAM, TupleFields.OUTBOUND_FIELDS);
    }
}
