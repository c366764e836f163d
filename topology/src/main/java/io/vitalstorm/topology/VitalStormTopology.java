package io.vitalstorm.topology;

import io.vitalstorm.bolts.AcknowledgementParseBolt;
import io.vitalstorm.bolts.AdtBolt;
import io.vitalstorm.bolts.AlertBolt;
import io.vitalstorm.bolts.AlertStoreBolt;
import io.vitalstorm.bolts.FlushOnIdleWaitStrategy;
import io.vitalstorm.bolts.HistoryBolt;
import io.vitalstorm.bolts.KafkaOutBolts;
import io.vitalstorm.bolts.MaintenanceWorkerHook;
import io.vitalstorm.bolts.ReadingPipelineBolt;
import io.vitalstorm.bolts.TupleFields;
import io.vitalstorm.bolts.serde.DomainSerializers;
import io.vitalstorm.core.config.MetricsSettings;
import io.vitalstorm.core.config.ReliabilitySettings;
import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.maintenance.MaintenanceSettings;
import io.vitalstorm.registrysync.RegistrySqlSettings;
import io.vitalstorm.spouts.HistoryRecordTranslator;
import io.vitalstorm.spouts.VitalsRecordTranslator;
import io.vitalstorm.spouts.VitalsSpoutFactory;
import org.apache.storm.Config;
import org.apache.storm.generated.StormTopology;
import org.apache.storm.hooks.IWorkerHook;
import org.apache.storm.topology.BoltDeclarer;
import org.apache.storm.topology.IBasicBolt;
import org.apache.storm.topology.IRichBolt;
import org.apache.storm.topology.TopologyBuilder;
import org.apache.storm.tuple.Fields;

import java.util.List;
import java.util.Map;

/**
 * The VitalStorm flow, the same wiring for {@code storm jar}, LocalCluster tests and the demo:
 * <pre>
 * vitals-spout ─key→ score ─patientId→ alert ←patientId─ ack-parse ← ack-spout
 *   (the key is     │ (parse → enrich → score by method calls, one task per patient; each batch:
 *    the patient)   │  risk checkpoints, then latest state, to Redis — acked after both)
 *                   ├─history topic (via kafka-out)
 *                   └─ outbound (dead letters) ─┐
 *                                              └─key→ kafka-out ←key─ alert outbound (clinician, patient), dead letters
 *                                                       ↑ dead letters of every other bolt (retries exhausted, defects)
 * history-spout ─key→ history (Cassandra), ─alert-transitions→ alert-store (Cassandra):
 *                apart from the alert path (alert transitions reach it via kafka-out)
 * adt-spout → adt (registry change; discharges ─patientId→ alert; bad messages → kafka-out dead letters)
 * </pre>
 * Groupings keep each patient's readings in order end to end: the vitals topic is keyed by patient
 * id, the spout groups by that key (a reading of another patient than its record's key is refused),
 * and every later hop is grouped by patient id. A reading's tuple tree has three edges (spout → score,
 * then score → alert and its history record → kafka-out), down from six when parse, enrich and
 * latest-state were bolts of their own: three executor hops and three acker entries fewer per reading.
 */
public final class VitalStormTopology {

    public static final String SPOUT = "vitals-spout";
    /** Parses, enriches and scores each reading ({@link ReadingPipelineBolt}). */
    public static final String SCORE = "score";
    public static final String ALERT = "alert";
    public static final String HISTORY = "history";
    public static final String HISTORY_SPOUT = "history-spout";
    public static final String ALERT_STORE = "alert-store";
    public static final String KAFKA_OUT = "kafka-out";
    public static final String ACK_SPOUT = "ack-spout";
    public static final String ACK_PARSE = "ack-parse";
    public static final String ADT_SPOUT = "adt-spout";
    public static final String ADT = "adt";

    /** See {@link #config}. */
    static final int IDLE_PARKS_BEFORE_SLEEP = 10;
    /** See {@link #config}; below the spout's 50,000 uncommitted offsets. */
    static final int MAX_SPOUT_PENDING = 30_000;

    private VitalStormTopology() {
    }

    /**
     * The bolts and the worker hook the wiring connects. {@link #production} takes every client from
     * {@code WorkerResources}; the server-less topology test passes bolts with in-memory clients.
     * The hook is null when no worker hook is wanted.
     */
    public record Parts(IRichBolt score, IBasicBolt ackParse, IBasicBolt adt, IBasicBolt alert, IRichBolt history,
                        IRichBolt alertStore, IRichBolt kafkaOut, IWorkerHook workerHook) {

        public static Parts production(VitalStormSettings s) {
            return new Parts(new ReadingPipelineBolt(), new AcknowledgementParseBolt(), new AdtBolt(), new AlertBolt(),
                    new HistoryBolt(), new AlertStoreBolt(), KafkaOutBolts.create(s), new MaintenanceWorkerHook());
        }
    }

    public static StormTopology build(VitalStormSettings s, Parallelism p) {
        return build(s, p, Parts.production(s));
    }

    public static StormTopology build(VitalStormSettings s, Parallelism p, Parts parts) {
        Fields patient = new Fields(TupleFields.PATIENT_ID);
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout(SPOUT, VitalsSpoutFactory.create(s), p.spout());
        // by record key, the patient id (a reading of another patient is refused): one task per patient from here on
        b.setBolt(SCORE, parts.score(), p.score()).fieldsGrouping(SPOUT, new Fields(VitalsRecordTranslator.KEY));
        b.setSpout(ACK_SPOUT, VitalsSpoutFactory.createForAcknowledgements(s), 1);
        b.setBolt(ACK_PARSE, parts.ackParse(), 1).shuffleGrouping(ACK_SPOUT);
        b.setSpout(ADT_SPOUT, VitalsSpoutFactory.createForAdt(s), 1);
        b.setBolt(ADT, parts.adt(), 1).shuffleGrouping(ADT_SPOUT); // one task: a patient's ADT events stay in order
        b.setBolt(ALERT, parts.alert(), p.alert()).fieldsGrouping(SCORE, patient).fieldsGrouping(ACK_PARSE, patient)
                .fieldsGrouping(ADT, AdtBolt.DISCHARGES_STREAM, patient);
        b.setSpout(HISTORY_SPOUT, VitalsSpoutFactory.createForHistory(s), p.spout());
        // by patient: a history task merges each patient's readings into cached blocks (read-modify-write)
        b.setBolt(HISTORY, parts.history(), p.history())
                .fieldsGrouping(HISTORY_SPOUT, new Fields(VitalsRecordTranslator.KEY));
        // alert transitions reach Cassandra through the history topic too: the alert path never waits for it
        b.setBolt(ALERT_STORE, parts.alertStore(), p.alertStore())
                .localOrShuffleGrouping(HISTORY_SPOUT, HistoryRecordTranslator.ALERT_TRANSITIONS_STREAM);
        BoltDeclarer out = b.setBolt(KAFKA_OUT, parts.kafkaOut(), p.kafkaOut());
        // every bolt may dead-letter a record; the alert bolt also publishes the alert messages
        for (String component : List.of(SCORE, ACK_PARSE, ADT, ALERT, HISTORY, ALERT_STORE)) {
            out.fieldsGrouping(component, TupleFields.OUTBOUND_STREAM, new Fields(TupleFields.KEY));
        }
        out.fieldsGrouping(SCORE, TupleFields.HISTORY_STREAM, new Fields(TupleFields.KEY));
        if (parts.workerHook() != null) {
            // one maintenance contender per worker (docs/maintenance.md)
            b.addWorkerHook(parts.workerHook());
        }
        return b.createTopology();
    }

    /**
     * The topology configuration: VitalStorm's settings plus Storm defaults chosen for this
     * workload. {@code conf} (storm.yaml / --config / -c overrides) wins over the defaults here.
     */
    public static Config config(Map<String, Object> conf) {
        Config c = new Config();
        // no worker count here: storm.yaml's topology.workers (or --workers) decides; Storm's default is 1
        // readings in flight per spout task: sink acks wait for Redis and Cassandra batches, and at 5,000
        // a slow Cassandra flush stalled the spout and every path behind it for seconds (docs/benchmarks.md)
        c.setMaxSpoutPending(MAX_SPOUT_PENDING);
        c.setMessageTimeoutSecs(60);
        c.put(Config.TOPOLOGY_ENABLE_MESSAGE_TIMEOUTS, true);
        // an idle executor parks 10 times, not Storm's 1000, before sleeping 1 ms between checks: with a
        // dozen executors on a few cores the busy ones get the CPU (measured: docs/benchmarks.md)
        c.put(Config.TOPOLOGY_BOLT_WAIT_PROGRESSIVE_LEVEL2_COUNT, IDLE_PARKS_BEFORE_SLEEP);
        c.put(Config.TOPOLOGY_BACKPRESSURE_WAIT_PROGRESSIVE_LEVEL2_COUNT, IDLE_PARKS_BEFORE_SLEEP);
        // the same progressive waiting, and score writes its batch (checkpoints, latest state) when its executor runs
        // out of input
        c.put(Config.TOPOLOGY_BOLT_WAIT_STRATEGY, FlushOnIdleWaitStrategy.class.getName());
        c.putAll(VitalStormSettings.DEFAULTS);
        c.putAll(ReliabilitySettings.defaults());
        c.putAll(conf);
        ReliabilitySettings.fromMap(c); // refuse a bad value at submit, with the key named
        // checked, not defaulted: a default here would override the port storm.yaml gives the workers
        MetricsSettings.PROMETHEUS_PORT.read(c);
        // refuse maintenance settings the retention would beat before submitting, not in the workers
        MaintenanceSettings.fromMap(c).checkAgainstRetention(VitalStormSettings.fromMap(c).retentionDays());
        Parallelism.fromConf(c);
        ReadingPipelineBolt.MAX_DELAY_MS.read(c);
        if (RegistrySqlSettings.present(c)) {
            RegistrySqlSettings.fromMap(c); // the maintenance leader would only find out at its first sync
        }
        DomainSerializers.register(c);
        c.setFallBackOnJavaSerialization(false);
        return c;
    }
}
