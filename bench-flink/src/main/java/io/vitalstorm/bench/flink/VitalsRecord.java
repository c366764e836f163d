package io.vitalstorm.bench.flink;

/**
 * A record of the vitals topic as the job moves it from the Kafka source to the scoring operator
 * (the one hop that serializes): the key is the patient id, as the producers send it; topic,
 * partition and offset go into a dead letter.
 */
public record VitalsRecord(String key, byte[] value, String topic, int partition, long offset) {

    /** The key the job is partitioned by (a record without a key: all of them on one subtask). */
    public String patientKey() {
        return key == null ? "" : key;
    }
}
