package io.vitalstorm.bolts;

import io.vitalstorm.coordination.LiveThresholds;
import io.vitalstorm.core.alert.Acknowledgement;
import io.vitalstorm.core.alert.AlertContexts;
import io.vitalstorm.core.alert.AlertEngine;
import io.vitalstorm.core.alert.AlertEvent;
import io.vitalstorm.core.alert.AlertMessages;
import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.core.json.Json;
import io.vitalstorm.core.model.PatientProfile;
import io.vitalstorm.core.news2.ScoredObservation;
import io.vitalstorm.core.parse.DeadLetter;
import io.vitalstorm.core.parse.Rejection;
import io.vitalstorm.core.risk.Assessment;
import io.vitalstorm.storage.PatientDirectory;
import io.vitalstorm.storage.redis.RedisEpisodeStore;
import org.apache.storm.Config;
import org.apache.storm.task.TopologyContext;
import org.apache.storm.topology.BasicOutputCollector;
import org.apache.storm.topology.OutputFieldsDeclarer;
import org.apache.storm.topology.ReportedFailedException;
import org.apache.storm.topology.base.BaseBasicBolt;
import org.apache.storm.tuple.Fields;
import org.apache.storm.tuple.Tuple;
import org.apache.storm.tuple.Values;
import org.apache.storm.utils.TupleUtils;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the alert lifecycle for the patients routed to this task (fields grouping on patient id):
 * assessments from the risk engine, acknowledgements from clinicians, and every few seconds the
 * silence check (NO_DATA). Each transition goes to storage, to the clinician topic and, where it
 * helps the patient, to the patient topic; Kafka records are keyed by patient id so each
 * patient's alerts stay in order. An acknowledgement of an alert that is not open goes to the
 * dead-letter topic with the reason.
 */
public final class AlertBolt extends BaseBasicBolt {

    private static final long serialVersionUID = 1L;
    /** How often silent devices are looked for: NO_DATA comes at most this late. */
    static final int SILENCE_CHECK_SECONDS = 5;

    private transient AlertEngine engine;
    private transient LiveThresholds thresholds;
    private transient VitalStormSettings settings;
    private transient PatientDirectory directory;

    @Override
    public void prepare(Map<String, Object> conf, TopologyContext context) {
        settings = VitalStormSettings.fromMap(conf);
        thresholds = WorkerResources.thresholds(settings);
        directory = WorkerResources.directory(settings);
        engine = new AlertEngine(new RedisEpisodeStore(WorkerResources.redis(settings)));
    }

    @Override
    public void execute(Tuple input, BasicOutputCollector out) {
        try {
            if (TupleUtils.isTick(input)) {
                publish(engine.onClock(System.currentTimeMillis(), thresholds::forPatient, this::withoutVitals), out);
            } else if (AdtBolt.DISCHARGES_STREAM.equals(input.getSourceStreamId())) {
                publish(engine.onDischarge(input.getStringByField(TupleFields.PATIENT_ID), input.getLongByField(AdtBolt.DISCHARGED_AT),
                        input.getStringByField(AdtBolt.DETAIL), this::withoutVitals), out);
            } else if (input.getFields().contains(TupleFields.ACKNOWLEDGEMENT)) {
                acknowledge((Acknowledgement) input.getValueByField(TupleFields.ACKNOWLEDGEMENT), out);
            } else {
                Assessment a = (Assessment) input.getValueByField(TupleFields.ASSESSMENT);
                publish(engine.onAssessment(a, thresholds.forPatient(a.patientId(), a.scored().profile().ward()),
                        System.currentTimeMillis()), out);
            }
        } catch (ReportedFailedException e) {
            throw e;
        } catch (RuntimeException storeDown) {
            // Redis holds the episodes: fail (Kafka replays it) rather than let the exception kill the worker
            throw new ReportedFailedException("alert evaluation failed", storeDown);
        }
    }

    private void acknowledge(Acknowledgement ack, BasicOutputCollector out) {
        AlertEngine.AckOutcome outcome = engine.onAcknowledgement(ack, this::withoutVitals);
        if (outcome.event() != null) {
            publish(List.of(outcome.event()), out);
        } else if (outcome.refused()) {
            DeadLetter letter = new DeadLetter(new Rejection(Rejection.Code.UNKNOWN_ALERT, outcome.refusal()),
                    settings.acknowledgementsTopic(), -1, -1, ack.patientId(), Json.bytes(ack),
                    System.currentTimeMillis());
            out.emit(TupleFields.OUTBOUND_STREAM, new Values(settings.deadLetterTopic(), ack.patientId(), letter.toJson()));
        }
    }

    /** The alert message needs the patient's profile even when no reading of theirs is in memory. */
    private ScoredObservation withoutVitals(String patientId, long ts) {
        Optional<PatientProfile> profile = directory.find(patientId);
        return AlertContexts.withoutVitals(profile.orElseGet(() -> PatientProfile.unknown(patientId)), profile.isPresent(), ts);
    }

    private void publish(List<AlertEvent> events, BasicOutputCollector out) {
        for (AlertEvent e : events) {
            out.emit(TupleFields.ALERTS_STREAM, new Values(e.patientId(), e));
            out.emit(TupleFields.OUTBOUND_STREAM,
                    new Values(settings.clinicianAlertsTopic(), e.patientId(), Json.bytes(AlertMessages.clinician(e))));
            AlertMessages.patient(e).ifPresent(message -> out.emit(TupleFields.OUTBOUND_STREAM,
                    new Values(settings.patientAlertsTopic(), e.patientId(), Json.bytes(message))));
        }
    }

    @Override
    public Map<String, Object> getComponentConfiguration() {
        return Map.of(Config.TOPOLOGY_TICK_TUPLE_FREQ_SECS, SILENCE_CHECK_SECONDS);
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        declarer.declareStream(TupleFields.ALERTS_STREAM, new Fields(TupleFields.PATIENT_ID, TupleFields.ALERT));
        declarer.declareStream(TupleFields.OUTBOUND_STREAM, TupleFields.OUTBOUND_FIELDS);
    }
}
