package io.vitalstorm.bolts;

import org.apache.storm.tuple.Fields;

/** Stream and field names shared by the bolts and the topology wiring. */
public final class TupleFields {

    public static final String PATIENT_ID = "patientId";
    public static final String OBSERVATION = "observation";
    public static final String ENRICHED = "enriched";
    public static final String ASSESSMENT = "assessment";
    public static final String ACKNOWLEDGEMENT = "acknowledgement";

    /** Records for Kafka (dead letters, alert messages): picked up by the KafkaBolt. */
    public static final String OUTBOUND_STREAM = "outbound";
    /** Scored readings for the history topic (outbound fields): picked up by the KafkaBolt. */
    public static final String HISTORY_STREAM = "history";

    public static final String TOPIC = "topic";
    public static final String KEY = "key";
    public static final String MESSAGE = "message";
    public static final Fields OUTBOUND_FIELDS = new Fields(TOPIC, KEY, MESSAGE);

    private TupleFields() {
    }
}
