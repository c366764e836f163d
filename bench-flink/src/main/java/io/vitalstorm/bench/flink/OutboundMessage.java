package io.vitalstorm.bench.flink;

/** A message for the outbound Kafka sink: an alert (clinician or patient topic) or a dead letter. */
public record OutboundMessage(String topic, String key, byte[] value) {
}
