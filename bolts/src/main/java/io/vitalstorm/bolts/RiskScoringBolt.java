package io.vitalstorm.bolts;

import io.vitalstorm.coordination.LiveThresholds;
import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.core.model.EnrichedObservation;
import io.vitalstorm.core.news2.News2Scorer;
import io.vitalstorm.core.thresholds.ResolvedThresholds;
import io.vitalstorm.core.thresholds.Thresholds;
import org.apache.storm.task.TopologyContext;
import org.apache.storm.topology.BasicOutputCollector;
import org.apache.storm.topology.OutputFieldsDeclarer;
import org.apache.storm.topology.base.BaseBasicBolt;
import org.apache.storm.tuple.Fields;
import org.apache.storm.tuple.Tuple;
import org.apache.storm.tuple.Values;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Scores each enriched observation on the NEWS2 chart in force for that patient (patient, ward
 * or global document, watched in ZooKeeper).
 */
public final class RiskScoringBolt extends BaseBasicBolt {

    private static final long serialVersionUID = 1L;

    private transient LiveThresholds thresholds;
    /** One scorer per distinct resolved thresholds object of the current snapshot. */
    private transient Map<Thresholds, News2Scorer> scorers;
    private transient ResolvedThresholds scorersOf;

    @Override
    public void prepare(Map<String, Object> conf, TopologyContext context) {
        thresholds = WorkerResources.thresholds(VitalStormSettings.fromMap(conf));
    }

    @Override
    public void execute(Tuple input, BasicOutputCollector out) {
        EnrichedObservation e = (EnrichedObservation) input.getValueByField(TupleFields.ENRICHED);
        out.emit(new Values(e.patientId(), scorer(e.patientId(), e.profile().ward()).score(e)));
    }

    /** Scorers are built once per thresholds object and dropped when a znode update publishes a new snapshot. */
    private News2Scorer scorer(String patientId, String ward) {
        ResolvedThresholds snapshot = thresholds.snapshot();
        if (snapshot != scorersOf) {
            scorers = new IdentityHashMap<>();
            scorersOf = snapshot;
        }
        return scorers.computeIfAbsent(snapshot.forPatient(patientId, ward), t -> new News2Scorer(t.scoring()));
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        declarer.declare(new Fields(TupleFields.PATIENT_ID, TupleFields.SCORED));
    }
}
