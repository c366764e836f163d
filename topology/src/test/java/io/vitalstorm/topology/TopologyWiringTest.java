package io.vitalstorm.topology;

import io.vitalstorm.bolts.TupleFields;
import io.vitalstorm.core.config.VitalStormSettings;
import org.apache.storm.generated.Bolt;
import org.apache.storm.generated.GlobalStreamId;
import org.apache.storm.generated.Grouping;
import org.apache.storm.generated.StormTopology;
import org.apache.storm.generated.StreamInfo;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The wiring, checked without servers: what each component receives and how it is grouped. */
class TopologyWiringTest {

    private final StormTopology topology = VitalStormTopology.build(VitalStormSettings.fromMap(Map.of()),
            Parallelism.fromConf(Map.of()));

    private Map<GlobalStreamId, Grouping> inputsOf(String component) {
        return topology.get_bolts().get(component).get_common().get_inputs();
    }

    private static Grouping byFields(String... fields) {
        return Grouping.fields(java.util.List.of(fields));
    }

    @Test
    void theVitalsAreGroupedByRecordKeyAndEveryLaterHopByPatientSoEachPatientsReadingsStayInOrder() {
        assertThat(inputsOf(VitalStormTopology.SCORE)).as("parse, enrich and score are one bolt").containsOnly(
                Map.entry(new GlobalStreamId(VitalStormTopology.SPOUT, "default"), byFields("key")));
        assertThat(topology.get_bolts()).as("score writes the latest state too")
                .doesNotContainKeys("parse", "enrich", "latest-state");
        assertThat(inputsOf(VitalStormTopology.ALERT)).containsOnly(
                Map.entry(new GlobalStreamId(VitalStormTopology.SCORE, "default"), byFields(TupleFields.PATIENT_ID)),
                Map.entry(new GlobalStreamId(VitalStormTopology.ACK_PARSE, "default"),
                        byFields(TupleFields.PATIENT_ID)),
                Map.entry(new GlobalStreamId(VitalStormTopology.ADT, io.vitalstorm.bolts.AdtBolt.DISCHARGES_STREAM),
                        byFields(TupleFields.PATIENT_ID)));
        assertThat(inputsOf(VitalStormTopology.HISTORY)).as("history has a spout of its own, apart from the alert path")
                .containsOnlyKeys(new GlobalStreamId(VitalStormTopology.HISTORY_SPOUT, "default"));
        assertThat(inputsOf(VitalStormTopology.ALERT_STORE))
                .as("alert transitions reach Cassandra apart from the alert path")
                .containsOnlyKeys(new GlobalStreamId(VitalStormTopology.HISTORY_SPOUT,
                        io.vitalstorm.spouts.HistoryRecordTranslator.ALERT_TRANSITIONS_STREAM));
        assertThat(inputsOf(VitalStormTopology.KAFKA_OUT)).containsEntry(
                new GlobalStreamId(VitalStormTopology.SCORE, TupleFields.HISTORY_STREAM), byFields(TupleFields.KEY));
    }

    @Test
    void everyBoltThatDeclaresTheOutboundStreamIsHeardByKafkaOutSoNoDeadLetterIsDropped() {
        Set<String> declaring = topology.get_bolts().entrySet().stream()
                .filter(e -> e.getValue().get_common().get_streams().containsKey(TupleFields.OUTBOUND_STREAM))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        Set<String> heard = inputsOf(VitalStormTopology.KAFKA_OUT).keySet().stream()
                .filter(id -> id.get_streamId().equals(TupleFields.OUTBOUND_STREAM))
                .map(GlobalStreamId::get_componentId).collect(Collectors.toSet());

        assertThat(declaring).contains(VitalStormTopology.SCORE, VitalStormTopology.ALERT,
                VitalStormTopology.HISTORY, VitalStormTopology.ALERT_STORE,
                VitalStormTopology.ACK_PARSE, VitalStormTopology.ADT);
        assertThat(heard).isEqualTo(declaring);
        inputsOf(VitalStormTopology.KAFKA_OUT).values()
                .forEach(g -> assertThat(g).isEqualTo(byFields(TupleFields.KEY)));
    }

    @Test
    void everyStreamABoltReadsIsDeclaredByItsSource() {
        for (Map.Entry<String, Bolt> bolt : topology.get_bolts().entrySet()) {
            for (GlobalStreamId in : bolt.getValue().get_common().get_inputs().keySet()) {
                Map<String, StreamInfo> streams = topology.get_bolts().containsKey(in.get_componentId())
                        ? topology.get_bolts().get(in.get_componentId()).get_common().get_streams()
                        : topology.get_spouts().get(in.get_componentId()).get_common().get_streams();
                assertThat(streams).as("%s reads %s", bolt.getKey(), in).containsKey(in.get_streamId());
            }
        }
    }

    @Test
    void theWorkerCountIsLeftToStormYamlAndBadReliabilitySettingsAreRefusedAtSubmit() {
        assertThat(VitalStormTopology.config(Map.of())).doesNotContainKey("topology.workers");
        assertThat(VitalStormTopology.config(Map.of("topology.workers", 3))).containsEntry("topology.workers", 3);
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                VitalStormTopology.config(Map.of("vitalstorm.retries.max", -1)))
                .hasMessageContaining("vitalstorm.retries.max");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> VitalStormTopology.config(Map.of("vitalstorm.parallelism.score", 0)))
                .hasMessageContaining("vitalstorm.parallelism.score");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> VitalStormTopology.config(Map.of("vitalstorm.parallelism.enrich", 2)))
                .as("a component folded into score").hasMessageContaining("vitalstorm.parallelism.enrich")
                .hasMessageContaining("vitalstorm.parallelism.score instead");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> VitalStormTopology.config(Map.of("vitalstorm.registry.sql.url", "jdbc:postgresql://db/pas")))
                .hasMessageContaining("vitalstorm.registry.sql.query is required");
    }
}
