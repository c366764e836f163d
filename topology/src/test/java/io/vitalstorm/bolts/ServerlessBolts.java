package io.vitalstorm.bolts;

import io.vitalstorm.coordination.LiveThresholds;
import io.vitalstorm.core.alert.EpisodeStore;
import io.vitalstorm.core.model.PatientProfile;
import io.vitalstorm.core.model.Spo2Scale;
import io.vitalstorm.core.news2.ScoredObservation;
import io.vitalstorm.core.risk.RiskStateStore;
import io.vitalstorm.core.thresholds.Thresholds;
import io.vitalstorm.storage.PatientDirectory;
import io.vitalstorm.storage.cassandra.AlertStore;
import io.vitalstorm.storage.cassandra.Discharges;
import io.vitalstorm.storage.cassandra.HistoryWriter;
import io.vitalstorm.storage.redis.LatestStateWriter;
import io.vitalstorm.topology.VitalStormTopology;
import org.apache.storm.task.OutputCollector;
import org.apache.storm.task.TopologyContext;
import org.apache.storm.topology.OutputFieldsDeclarer;
import org.apache.storm.topology.base.BaseRichBolt;
import org.apache.storm.tuple.Tuple;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * The real bolts with in-memory clients, for a server-less run of the real wiring. Storm serializes
 * every bolt, so each factory is a lambda that reads a static fake (one JVM in local mode) rather
 * than capturing one. The package is the bolts' own, for their package-private constructors.
 */
public final class ServerlessBolts {

    private static final LiveThresholds THRESHOLDS = mock(LiveThresholds.class);
    private static final PatientDirectory DIRECTORY = mock(PatientDirectory.class);
    private static final LatestStateWriter LATEST_STATE = mock(LatestStateWriter.class);
    /** Every reading the score tasks wrote as latest state, in the order each task wrote them. */
    public static final List<ScoredObservation> LATEST_STATE_WRITTEN = new CopyOnWriteArrayList<>();

    static {
        when(THRESHOLDS.forPatient(anyString(), anyString())).thenReturn(Thresholds.DEFAULTS);
        when(DIRECTORY.find(anyString())).thenAnswer(i -> Optional.of(profile(i.getArgument(0))));
        doAnswer(i -> LATEST_STATE_WRITTEN.addAll(i.getArgument(0))).when(LATEST_STATE).write(anyList());
    }

    private ServerlessBolts() {
    }

    /** Every patient is known, on ward 5A. */
    public static PatientProfile profile(String patient) {
        return new PatientProfile(patient, "Name " + patient, 70, "5A", "team-5A", "dr-5A", Spo2Scale.SCALE_1, null);
    }

    /** The production bolts, except that kafka-out only acks (the test reads what reaches it) and no worker hook. */
    public static VitalStormTopology.Parts parts() {
        return new VitalStormTopology.Parts(
                new ReadingPipelineBolt(s -> DIRECTORY, s -> THRESHOLDS, s -> RiskStateStore.none(),
                        s -> LATEST_STATE),
                new AcknowledgementParseBolt(),
                new AdtBolt(s -> DIRECTORY, s -> mock(Discharges.class)),
                new AlertBolt(s -> THRESHOLDS, s -> DIRECTORY, s -> EpisodeStore.none()),
                new HistoryBolt(s -> mock(HistoryWriter.class), s -> () -> { }),
                new AlertStoreBolt(s -> mock(AlertStore.class), s -> () -> { }),
                new AckingSink(), null);
    }

    /** Stands in for the Kafka producer bolt. */
    private static final class AckingSink extends BaseRichBolt {

        private static final long serialVersionUID = 1L;
        private transient OutputCollector collector;

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
            this.collector = collector;
        }

        @Override
        public void execute(Tuple input) {
            collector.ack(input); // what reached Kafka is read from the captured streams
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            // a sink
        }
    }
}
