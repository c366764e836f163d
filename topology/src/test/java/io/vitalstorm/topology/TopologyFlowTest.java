package io.vitalstorm.topology;

import io.vitalstorm.bolts.ServerlessBolts;
import io.vitalstorm.bolts.TupleFields;
import io.vitalstorm.bolts.serde.AlertTransitionCodec;
import io.vitalstorm.core.risk.AlertCondition;
import io.vitalstorm.core.alert.AlertEvent;
import io.vitalstorm.core.alert.AlertState;
import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.core.json.ObservationJson;
import io.vitalstorm.core.model.Observation;
import io.vitalstorm.core.news2.ScoredObservation;
import io.vitalstorm.core.risk.Assessment;
import io.vitalstorm.spouts.VitalsRecordTranslator;
import org.apache.storm.Config;
import org.apache.storm.Testing;
import org.apache.storm.hooks.BaseTaskHook;
import org.apache.storm.hooks.info.BoltExecuteInfo;
import org.apache.storm.task.TopologyContext;
import org.apache.storm.testing.CompleteTopologyParam;
import org.apache.storm.testing.FixedTuple;
import org.apache.storm.testing.MkClusterParam;
import org.apache.storm.testing.MockedSources;
import org.apache.storm.tuple.Values;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The real wiring run end to end without servers ({@link Testing#completeTopology}, simulated time):
 * the production bolts with in-memory clients ({@link ServerlessBolts}), every spout mocked, readings of
 * several patients on two partitions. Complements {@link TopologyWiringTest}, which reads the
 * declarations: here tuples actually travel and a task hook records which task executed each one.
 */
class TopologyFlowTest {

    private static final List<String> PATIENTS = List.of("P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8");
    private static final String LOW_PRESSURE_PATIENT = "P3";
    private static final int READINGS_PER_PATIENT = 3;
    private static final int TASKS = 3;

    private static Map<String, List<FixedTuple>> results;

    @BeforeAll
    static void runTheTopologyOnce() {
        Map<String, Object> conf = new HashMap<>();
        conf.put("vitalstorm.maintenance.enabled", false);
        for (String c : List.of(VitalStormTopology.SCORE, VitalStormTopology.ALERT)) {
            conf.put("vitalstorm.parallelism." + c, TASKS);
        }
        Config stormConf = VitalStormTopology.config(conf);
        // the domain objects cross the wire as in a cluster: Kryo, with no Java serialization fallback
        stormConf.put(Config.TOPOLOGY_TESTING_ALWAYS_TRY_SERIALIZE, true);
        stormConf.put(Config.TOPOLOGY_AUTO_TASK_HOOKS, List.of(ExecutingTasks.class.getName()));
        ExecutingTasks.BY_COMPONENT.clear();
        ServerlessBolts.LATEST_STATE_WRITTEN.clear();

        CompleteTopologyParam param = new CompleteTopologyParam();
        param.setMockedSources(readings());
        param.setStormConf(stormConf);
        param.setTimeoutMs(120_000);
        var topology = VitalStormTopology.build(VitalStormSettings.fromMap(stormConf), Parallelism.fromConf(conf),
                ServerlessBolts.parts());
        Testing.withSimulatedTimeLocalCluster(new MkClusterParam(),
                cluster -> results = Testing.completeTopology(cluster, topology, param));
    }

    /**
     * Every patient's readings, a minute apart, on one of two partitions; P3's last is a low blood pressure. Then two
     * records no patient may be scored from: one without key, one keyed to P2 carrying a reading of P1.
     */
    private static MockedSources readings() {
        MockedSources sources = new MockedSources();
        long start = System.currentTimeMillis() - 10 * 60_000;
        long[] offsets = new long[2];
        for (int r = 0; r < READINGS_PER_PATIENT; r++) {
            for (int p = 0; p < PATIENTS.size(); p++) {
                String patient = PATIENTS.get(p);
                long ts = start + r * 60_000L;
                boolean last = r == READINGS_PER_PATIENT - 1;
                Observation o = last && patient.equals(LOW_PRESSURE_PATIENT)
                        ? new Observation(patient, "cuff-" + patient, ts, null, null, null, 88.0, null, null, null)
                        : new Observation(patient, "band-" + patient, ts, 72.0, 16.0, 97.0, null, null, null, null);
                int partition = p % 2;
                byte[] json = ObservationJson.input(o).toString().getBytes(StandardCharsets.UTF_8);
                sources.addMockData(VitalStormTopology.SPOUT,
                        new Values("vitalstorm.vitals", partition, offsets[partition]++, patient, json));
            }
        }
        byte[] stray = ObservationJson.input(new Observation("P1", "band-P1-stray", start + 5 * 60_000L, 150.0, 30.0,
                85.0, null, null, null, null)).toString().getBytes(StandardCharsets.UTF_8);
        sources.addMockData(VitalStormTopology.SPOUT, new Values("vitalstorm.vitals", 0, offsets[0]++, null, stray),
                new Values("vitalstorm.vitals", 1, offsets[1]++, "P2", stray));
        // every spout must be completable: the others get nothing
        for (String spout : List.of(VitalStormTopology.ACK_SPOUT, VitalStormTopology.ADT_SPOUT,
                VitalStormTopology.HISTORY_SPOUT)) {
            sources.addMockData(spout);
        }
        return sources;
    }

    @Test
    void everyKeyedReadingIsParsedEnrichedAndScoredInOneBolt() {
        int readings = PATIENTS.size() * READINGS_PER_PATIENT;
        List<List<Object>> scored = Testing.readTuples(results, VitalStormTopology.SCORE);
        assertThat(scored).hasSize(readings);
        assertThat(scored).extracting(t -> ((Assessment) t.get(1)).scored().profile().ward()).containsOnly("5A");
        assertThat(Testing.readTuples(results, VitalStormTopology.SCORE, TupleFields.HISTORY_STREAM)).hasSize(readings);
        assertThat(scored).extracting(t -> ((Assessment) t.get(1)).scored().observation().deviceId())
                .as("nothing of the stray records").doesNotContain("band-P1-stray").hasSize(readings);
    }

    @Test
    void scoreWritesEveryScoredReadingAsLatestStateEachPatientsInOrder() {
        List<ScoredObservation> written = ServerlessBolts.LATEST_STATE_WRITTEN;
        assertThat(written).hasSize(PATIENTS.size() * READINGS_PER_PATIENT);
        for (String patient : PATIENTS) {
            assertThat(written).filteredOn(s -> s.patientId().equals(patient)).extracting(s -> s.observation().ts())
                    .as("%s's readings", patient).hasSize(READINGS_PER_PATIENT).isSorted();
        }
    }

    @Test
    void aRecordWithoutKeyAndOneOfAnotherPatientAreDeadLetteredAndStallNothing() {
        List<List<Object>> letters = Testing.readTuples(results, VitalStormTopology.SCORE, TupleFields.OUTBOUND_STREAM);
        assertThat(letters).hasSize(2);
        assertThat(letters).extracting(t -> new String((byte[]) t.get(2), StandardCharsets.UTF_8))
                .allSatisfy(json -> assertThat(json).contains("\"reasonCode\":\"WRONG_KEY\""))
                .anySatisfy(json -> assertThat(json).contains("record has no key"))
                .anySatisfy(json -> assertThat(json).contains("in a record keyed 'P2'"));
        assertThat(Testing.readTuples(results, VitalStormTopology.SCORE)).extracting(t -> t.get(0))
                .as("no reading of P1 from the record keyed P2").filteredOn("P1"::equals).hasSize(READINGS_PER_PATIENT);
    }

    @Test
    void theLowBloodPressureOpensAlertsForThatPatientOnlyStoredAndSentToTheClinicianTopic() {
        List<List<Object>> outbound = Testing.readTuples(results, VitalStormTopology.ALERT,
                TupleFields.OUTBOUND_STREAM);
        List<AlertEvent> stored = outbound.stream().filter(t -> t.get(0).equals("vitalstorm.history"))
                .map(t -> AlertTransitionCodec.decode((byte[]) t.get(2))).toList();

        // a spot check of NEWS2 3 after readings scoring 0: the score itself and the rise within the hour
        assertThat(stored).extracting(AlertEvent::condition, AlertEvent::state).containsExactlyInAnyOrder(
                tuple(AlertCondition.NEWS2, AlertState.OPEN), tuple(AlertCondition.DETERIORATING, AlertState.OPEN));
        assertThat(stored).allSatisfy(e -> assertThat(e.cause().patientId()).isEqualTo(LOW_PRESSURE_PATIENT));
        assertThat(outbound).extracting(t -> t.get(0)).filteredOn("vitalstorm.alerts.clinician"::equals).hasSize(2);
    }

    @Test
    void eachPatientIsExecutedByOneTaskOfEachPatientGroupedBoltAndThePatientsSpreadOverSeveralTasks() {
        for (String c : List.of(VitalStormTopology.SCORE, VitalStormTopology.ALERT)) {
            Map<String, Set<Integer>> tasks = ExecutingTasks.BY_COMPONENT.get(c);
            assertThat(tasks).as(c).containsOnlyKeys(PATIENTS);
            assertThat(tasks.values()).as("tasks of each patient in %s", c).allSatisfy(t -> assertThat(t).hasSize(1));
            assertThat(tasks.values().stream().flatMap(Set::stream).distinct()).as("tasks used in %s", c)
                    .hasSizeGreaterThan(1);
        }
    }

    /** Records, per component, the tasks that executed each patient's tuples (each record key's, for score). */
    public static final class ExecutingTasks extends BaseTaskHook {

        static final Map<String, Map<String, Set<Integer>>> BY_COMPONENT = new ConcurrentHashMap<>();

        private String component;

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context) {
            component = context.getThisComponentId();
        }

        @Override
        public void boltExecute(BoltExecuteInfo info) {
            // the patient, or for a raw record its key (the patient it claims to be of)
            String key = info.tuple.getFields().contains(TupleFields.PATIENT_ID)
                    ? info.tuple.getStringByField(TupleFields.PATIENT_ID)
                    : info.tuple.getFields().contains(VitalsRecordTranslator.KEY)
                    ? info.tuple.getStringByField(VitalsRecordTranslator.KEY) : null;
            if (key != null) {
                BY_COMPONENT.computeIfAbsent(component, c -> new ConcurrentHashMap<>())
                        .computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(info.executingTaskId);
            }
        }
    }
}
