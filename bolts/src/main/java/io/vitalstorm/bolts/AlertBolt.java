package io.vitalstorm.bolts;

import io.vitalstorm.core.alert.AlertEngine;
import io.vitalstorm.core.alert.AlertEvent;
import io.vitalstorm.core.alert.AlertMessages;
import io.vitalstorm.coordination.LiveThresholds;
import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.core.json.Json;
import io.vitalstorm.core.news2.ScoredObservation;
import io.vitalstorm.storage.redis.RedisEpisodeStore;
import org.apache.storm.task.TopologyContext;
import org.apache.storm.topology.BasicOutputCollector;
import org.apache.storm.topology.OutputFieldsDeclarer;
import org.apache.storm.topology.ReportedFailedException;
import org.apache.storm.topology.base.BaseBasicBolt;
import org.apache.storm.tuple.Fields;
import org.apache.storm.tuple.Tuple;
import org.apache.storm.tuple.Values;

import java.util.Map;
import java.util.Optional;

/**
 * Runs the alert rules for the patients routed to this task (fields grouping on patient id) and
 * emits each transition three ways: to storage, to the clinician topic and to the patient topic.
 * Kafka records are keyed by patient id so each patient's alerts stay in order. The trigger and
 * resolve time are the patient's own (patient, ward or global thresholds document).
 */
public final class AlertBolt extends BaseBasicBolt {

    private static final long serialVersionUID = 1L;

    private transient AlertEngine engine;
    private transient LiveThresholds thresholds;
    private transient VitalStormSettings settings;

    @Override
    public void prepare(Map<String, Object> conf, TopologyContext context) {
        settings = VitalStormSettings.fromMap(conf);
        thresholds = WorkerResources.thresholds(settings);
        engine = new AlertEngine(new RedisEpisodeStore(WorkerResources.redis(settings)));
    }

    @Override
    public void execute(Tuple input, BasicOutputCollector out) {
        ScoredObservation s = (ScoredObservation) input.getValueByField(TupleFields.SCORED);
        Optional<AlertEvent> event;
        try {
            event = engine.onScore(s, thresholds.forPatient(s.patientId(), s.profile().ward()));
        } catch (RuntimeException episodeStoreDown) {
            // Redis holds the episodes: fail (Kafka replays it) rather than let the exception kill the worker
            throw new ReportedFailedException("alert evaluation failed for " + s.patientId(), episodeStoreDown);
        }
        event.ifPresent(e -> publish(e, out));
    }

    private void publish(AlertEvent e, BasicOutputCollector out) {
        out.emit(TupleFields.ALERTS_STREAM, new Values(e.patientId(), e));
        out.emit(TupleFields.OUTBOUND_STREAM,
                new Values(settings.clinicianAlertsTopic(), e.patientId(), Json.bytes(AlertMessages.clinician(e))));
        out.emit(TupleFields.OUTBOUND_STREAM,
                new Values(settings.patientAlertsTopic(), e.patientId(), Json.bytes(AlertMessages.patient(e))));
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        declarer.declareStream(TupleFields.ALERTS_STREAM, new Fields(TupleFields.PATIENT_ID, TupleFields.ALERT));
        declarer.declareStream(TupleFields.OUTBOUND_STREAM, TupleFields.OUTBOUND_FIELDS);
    }
}
