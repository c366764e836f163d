package io.vitalstorm.bolts;

import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.core.model.EnrichedObservation;
import io.vitalstorm.core.news2.News2Scorer;
import io.vitalstorm.core.thresholds.Thresholds;
import org.apache.storm.task.TopologyContext;
import org.apache.storm.topology.BasicOutputCollector;
import org.apache.storm.topology.OutputFieldsDeclarer;
import org.apache.storm.topology.base.BaseBasicBolt;
import org.apache.storm.tuple.Fields;
import org.apache.storm.tuple.Tuple;
import org.apache.storm.tuple.Values;

import java.util.Map;
import java.util.function.Supplier;

/** Scores each enriched observation on the NEWS2 chart currently in force (watched in ZooKeeper). */
public final class RiskScoringBolt extends BaseBasicBolt {

    private static final long serialVersionUID = 1L;

    private transient Supplier<Thresholds> thresholds;
    private transient Thresholds scorerFor;
    private transient News2Scorer scorer;

    @Override
    public void prepare(Map<String, Object> conf, TopologyContext context) {
        thresholds = WorkerResources.thresholds(VitalStormSettings.fromMap(conf));
    }

    @Override
    public void execute(Tuple input, BasicOutputCollector out) {
        EnrichedObservation e = (EnrichedObservation) input.getValueByField(TupleFields.ENRICHED);
        out.emit(new Values(e.patientId(), scorer().score(e)));
    }

    /** A new scorer only when the thresholds object changes, i.e. after a znode update. */
    private News2Scorer scorer() {
        Thresholds now = thresholds.get();
        if (now != scorerFor) {
            scorer = new News2Scorer(now.scoring());
            scorerFor = now;
        }
        return scorer;
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        declarer.declare(new Fields(TupleFields.PATIENT_ID, TupleFields.SCORED));
    }
}
