package io.vitalstorm.bolts;

import io.vitalstorm.bolts.serde.AlertTransitionCodec;
import io.vitalstorm.coordination.LiveThresholds;
import io.vitalstorm.core.alert.Acknowledgement;
import io.vitalstorm.core.alert.AlertContexts;
import io.vitalstorm.core.alert.AlertEngine;
import io.vitalstorm.core.alert.AlertEvent;
import io.vitalstorm.core.alert.AlertHistory;
import io.vitalstorm.core.alert.AlertMessages;
import io.vitalstorm.core.alert.EpisodeStore;
import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.core.engine.ClinicalEngine;
import io.vitalstorm.core.json.Json;
import io.vitalstorm.core.news2.ScoredObservation;
import io.vitalstorm.core.parse.Rejection;
import io.vitalstorm.core.risk.Assessment;
import io.vitalstorm.storage.AlertStep;
import io.vitalstorm.storage.PatientDirectory;
import org.apache.storm.Config;
import org.apache.storm.task.TopologyContext;
import org.apache.storm.topology.BasicOutputCollector;
import org.apache.storm.topology.OutputFieldsDeclarer;
import org.apache.storm.topology.base.BaseBasicBolt;
import org.apache.storm.tuple.Tuple;
import org.apache.storm.tuple.Values;
import org.apache.storm.utils.TupleUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

/**
 * Runs the alert lifecycle for the patients routed to this task (fields grouping on patient id):
 * assessments from the risk engine, acknowledgements from clinicians, and every few seconds the
 * silence check (NO_DATA) and the eviction of patients long silent. Each transition goes to
 * storage, to the clinician topic and, where it helps the patient, to the patient topic; Kafka
 * records are keyed by patient id so each patient's alerts stay in order. An acknowledgement of
 * an alert that is not open goes to the dead-letter topic with the reason. A Redis outage fails
 * the input for a replay (bounded, docs/reliability.md); a defect dead-letters it. A patient first
 * seen without episodes in Redis (restarted empty) gets them rebuilt from the Cassandra transitions.
 */
public final class AlertBolt extends BaseBasicBolt {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(AlertBolt.class);
    /** How often silent devices are looked for: NO_DATA comes at most this late. */
    static final int SILENCE_CHECK_SECONDS = ClinicalEngine.SILENCE_CHECK_SECONDS;
    static final String TRANSITIONS = "vitalstorm.alertTransitions.";

    private final ClientFactory<LiveThresholds> thresholdsFactory;
    private final ClientFactory<PatientDirectory> directoryFactory;
    private final ClientFactory<EpisodeStore> episodesFactory;
    private final ClientFactory<AlertHistory> historyFactory;
    private transient AlertStep step;
    private transient AlertEngine engine;
    private transient LiveThresholds thresholds;
    private transient PatientDirectory directory;
    private transient BoltSupport support;

    public AlertBolt() {
        this(WorkerResources::thresholds, WorkerResources::directory, WorkerResources::episodes,
                WorkerResources::alertHistory);
    }

    /** Without a durable record: a patient without episodes in Redis has none. */
    AlertBolt(ClientFactory<LiveThresholds> thresholdsFactory, ClientFactory<PatientDirectory> directoryFactory,
              ClientFactory<EpisodeStore> episodesFactory) {
        this(thresholdsFactory, directoryFactory, episodesFactory, s -> AlertHistory.none());
    }

    AlertBolt(ClientFactory<LiveThresholds> thresholdsFactory, ClientFactory<PatientDirectory> directoryFactory,
              ClientFactory<EpisodeStore> episodesFactory, ClientFactory<AlertHistory> historyFactory) {
        this.thresholdsFactory = thresholdsFactory;
        this.directoryFactory = directoryFactory;
        this.episodesFactory = episodesFactory;
        this.historyFactory = historyFactory;
    }

    @Override
    public void prepare(Map<String, Object> conf, TopologyContext context) {
        support = BoltSupport.prepare(conf, context, VitalStormSettings::vitalsTopic);
        VitalStormSettings s = support.settings();
        thresholds = thresholdsFactory.create(s);
        directory = directoryFactory.create(s);
        step = new AlertStep(thresholds::forPatient, episodesFactory.create(s), historyFactory.create(s));
        engine = step.engine();
        support.metrics().counter(BoltMetrics.STATE_REBUILT);
        support.metrics().counter(BoltMetrics.STATE_REBUILD_FAILURES);
        context.registerGauge("vitalstorm.openAlerts", engine::openAlerts);
        context.registerGauge("vitalstorm.alertPatientsInMemory", engine::patients);
        context.registerGauge("vitalstorm.suppressedByCooldown", engine::suppressedByCooldown);
    }

    @Override
    public void execute(Tuple input, BasicOutputCollector out) {
        if (TupleUtils.isTick(input)) {
            onClock(out);
            return;
        }
        boolean isAck = input.getFields().contains(TupleFields.ACKNOWLEDGEMENT);
        boolean isDischarge = AdtBolt.DISCHARGES_STREAM.equals(input.getSourceStreamId());
        try {
            if (isDischarge) {
                publish(engine.onDischarge(input.getStringByField(TupleFields.PATIENT_ID),
                        input.getLongByField(AdtBolt.DISCHARGED_AT),
                        input.getStringByField(AdtBolt.DETAIL), this::withoutVitals), out);
            } else if (isAck) {
                acknowledge(ack(input), out);
            } else {
                publish(step.onAssessment(assessment(input), System.currentTimeMillis()), out);
            }
        } catch (RuntimeException e) {
            support.failOrGiveUp(recordKey(input, isAck, isDischarge), e, out,
                    rejection -> deadLetter(input, isAck, isDischarge, rejection));
            return;
        } finally {
            support.metrics().total(BoltMetrics.STATE_REBUILT, engine.rebuilt());
            support.metrics().total(BoltMetrics.STATE_REBUILD_FAILURES, engine.rebuildFailures());
        }
        support.succeeded(() -> recordKey(input, isAck, isDischarge));
    }

    private Values deadLetter(Tuple input, boolean isAck, boolean isDischarge, Rejection rejection) {
        VitalStormSettings s = support.settings();
        if (isDischarge) {
            String patientId = input.getStringByField(TupleFields.PATIENT_ID);
            return support.deadLetters().ofPayload(s.adtTopic(), patientId, Json.bytes(Map.of("patientId", patientId,
                    "dischargedAt", input.getLongByField(AdtBolt.DISCHARGED_AT))), rejection);
        }
        if (isAck) {
            return support.deadLetters()
                    .ofPayload(s.acknowledgementsTopic(), ack(input).patientId(), Json.bytes(ack(input)),
                    rejection);
        }
        return support.deadLetters().ofReading(assessment(input).scored().observation(), rejection);
    }

    private void onClock(BasicOutputCollector out) {
        long now = System.currentTimeMillis();
        try {
            publish(engine.onClock(now, thresholds::forPatient, this::withoutVitals), out);
            support.metrics().counter("vitalstorm.evictions")
                    .inc(engine.evictSilent(now, support.reliability().evictAfterMillis()));
        } catch (RuntimeException e) {
            // the next tick tries again: silence is measured, not lost
            LOG.warn("silence check failed, retried at the next tick: {}", e.toString());
            support.metrics().counter("vitalstorm.silenceCheckFailures").inc();
        }
    }

    private void acknowledge(Acknowledgement ack, BasicOutputCollector out) {
        AlertEngine.AckOutcome outcome = engine.onAcknowledgement(ack, this::withoutVitals);
        if (outcome.event() != null) {
            publish(List.of(outcome.event()), out);
        } else if (outcome.refused()) {
            out.emit(TupleFields.OUTBOUND_STREAM,
                    support.deadLetters().ofPayload(support.settings().acknowledgementsTopic(),
                    ack.patientId(), Json.bytes(ack), new Rejection(Rejection.Code.UNKNOWN_ALERT, outcome.refusal())));
        }
    }

    /** The alert message needs the patient's profile even when no reading of theirs is in memory. */
    private ScoredObservation withoutVitals(String patientId, long ts) {
        return AlertContexts.withoutVitals(patientId, directory.find(patientId), ts);
    }

    private void publish(List<AlertEvent> events, BasicOutputCollector out) {
        VitalStormSettings s = support.settings();
        for (AlertEvent e : events) {
            support.metrics().counter(TRANSITIONS + e.state().name()).inc();
            // to the alert store through the history topic: a Cassandra outage must not fail this tuple tree
            out.emit(TupleFields.OUTBOUND_STREAM,
                    new Values(s.historyTopic(), e.patientId(), AlertTransitionCodec.encode(e)));
            out.emit(TupleFields.OUTBOUND_STREAM,
                    new Values(s.clinicianAlertsTopic(), e.patientId(), Json.bytes(AlertMessages.clinician(e))));
            AlertMessages.patient(e).ifPresent(message -> out.emit(TupleFields.OUTBOUND_STREAM,
                    new Values(s.patientAlertsTopic(), e.patientId(), Json.bytes(message))));
        }
    }

    private static Acknowledgement ack(Tuple input) {
        return (Acknowledgement) input.getValueByField(TupleFields.ACKNOWLEDGEMENT);
    }

    private static Assessment assessment(Tuple input) {
        return (Assessment) input.getValueByField(TupleFields.ASSESSMENT);
    }

    private static String recordKey(Tuple input, boolean isAck, boolean isDischarge) {
        if (isDischarge) {
            return "discharge:" + input.getStringByField(TupleFields.PATIENT_ID) + "@"
                    + input.getLongByField(AdtBolt.DISCHARGED_AT);
        }
        if (isAck) {
            Acknowledgement a = ack(input);
            return "ack:" + a.patientId() + "/" + a.alertId() + "/" + a.by();
        }
        return BoltSupport.readingKey(assessment(input).scored().observation());
    }

    @Override
    public Map<String, Object> getComponentConfiguration() {
        return Map.of(Config.TOPOLOGY_TICK_TUPLE_FREQ_SECS, SILENCE_CHECK_SECONDS);
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        declarer.declareStream(TupleFields.OUTBOUND_STREAM, TupleFields.OUTBOUND_FIELDS);
    }
}
