package io.vitalstorm.bolts;

import io.vitalstorm.core.config.ReliabilitySettings;
import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.core.model.Observation;
import org.apache.storm.task.TopologyContext;

import java.util.Map;

/** What every bolt sets up in {@code prepare}: its settings, metrics, failure policy and dead-letter output. */
record BoltSupport(VitalStormSettings settings, ReliabilitySettings reliability, BoltMetrics metrics,
                   FailurePolicy failures, DeadLetters deadLetters) {

    static BoltSupport prepare(Map<String, Object> conf, TopologyContext context, String sourceTopicOf) {
        VitalStormSettings s = VitalStormSettings.fromMap(conf);
        ReliabilitySettings r = ReliabilitySettings.fromMap(conf);
        BoltMetrics metrics = new BoltMetrics(context);
        String component = context.getThisComponentId();
        return new BoltSupport(s, r, metrics, new FailurePolicy(component, r.maxRetries(), metrics),
                new DeadLetters(s.deadLetterTopic(), sourceTopicOf, metrics));
    }

    /** Names a reading in logs and retry counts: patient, event time and device identify it. */
    static String readingKey(Observation o) {
        return o.patientId() + "@" + o.ts() + "/" + o.deviceId();
    }
}
