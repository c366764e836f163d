package io.vitalstorm.bolts;

import io.vitalstorm.core.config.ReliabilitySettings;
import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.core.model.Observation;
import io.vitalstorm.core.parse.Rejection;
import io.vitalstorm.spouts.VitalsRecordTranslator;
import org.apache.storm.task.TopologyContext;
import org.apache.storm.topology.BasicOutputCollector;
import org.apache.storm.topology.ReportedFailedException;
import org.apache.storm.tuple.Tuple;
import org.apache.storm.tuple.Values;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/** What every bolt sets up in {@code prepare}: its settings, metrics, failure policy and dead-letter output. */
record BoltSupport(VitalStormSettings settings, ReliabilitySettings reliability, BoltMetrics metrics,
                   FailurePolicy failures, DeadLetters deadLetters) {

    /** @param sourceTopic the topic the bolt's records come from, named in its dead letters */
    static BoltSupport prepare(Map<String, Object> conf, TopologyContext context,
                               Function<VitalStormSettings, String> sourceTopic) {
        VitalStormSettings s = VitalStormSettings.fromMap(conf);
        ReliabilitySettings r = ReliabilitySettings.fromMap(conf);
        BoltMetrics metrics = new BoltMetrics(context);
        String component = context.getThisComponentId();
        return new BoltSupport(s, r, metrics, new FailurePolicy(component, r.maxRetries(), metrics),
                new DeadLetters(s.deadLetterTopic(), sourceTopic.apply(s), metrics));
    }

    /**
     * The failure step of a basic bolt (the batching bolts' twin is {@link BatchingBolt#failOrGiveUp}):
     * throws to fail the input for a replay while the policy allows it, otherwise emits the dead
     * letter {@code letter} makes of the rejection, after which the input is acked.
     */
    void failOrGiveUp(String recordKey, RuntimeException failure, BasicOutputCollector out,
                      Function<Rejection, Values> letter) {
        Optional<Rejection> giveUp = failures.onFailure(recordKey, failure);
        if (giveUp.isEmpty()) {
            throw new ReportedFailedException(recordKey + " failed, to be replayed", failure);
        }
        out.emit(TupleFields.OUTBOUND_STREAM, letter.apply(giveUp.get()));
    }

    /**
     * The record went through: its earlier failures no longer count (the key is built only if some record failed
     * lately).
     */
    void succeeded(Supplier<String> recordKey) {
        if (failures.tracking()) {
            failures.onSuccess(recordKey.get());
        }
    }

    /** Names a record straight from a spout in logs and retry counts: a replay comes back with the same coordinates. */
    static String recordKey(Tuple record) {
        return record.getStringByField(VitalsRecordTranslator.TOPIC) + "/"
                + record.getIntegerByField(VitalsRecordTranslator.PARTITION)
                + "@" + record.getLongByField(VitalsRecordTranslator.OFFSET);
    }

    /** Names a reading in logs and retry counts: patient, event time and device identify it. */
    static String readingKey(Observation o) {
        return o.patientId() + "@" + o.ts() + "/" + o.deviceId();
    }
}
