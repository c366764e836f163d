package io.vitalstorm.bolts;

import io.vitalstorm.core.alert.AlertEvent;
import io.vitalstorm.core.alert.AlertMessages;
import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.core.json.Json;
import io.vitalstorm.core.parse.Rejection;
import io.vitalstorm.storage.cassandra.AlertStore;
import org.apache.storm.task.TopologyContext;
import org.apache.storm.tuple.Tuple;
import org.apache.storm.tuple.Values;

import java.util.List;

/** Cassandra: every alert transition, with its reason. */
public final class AlertStoreBolt extends BatchingBolt<AlertEvent> {

    private static final long serialVersionUID = 1L;

    private final ClientFactory<AlertStore> storeFactory;
    private transient AlertStore store;

    public AlertStoreBolt() {
        this(WorkerResources::alertStore);
    }

    AlertStoreBolt(ClientFactory<AlertStore> storeFactory) {
        super(100, 50);
        this.storeFactory = storeFactory;
    }

    @Override
    protected void open(VitalStormSettings settings, TopologyContext context) {
        store = storeFactory.create(settings);
    }

    @Override
    protected AlertEvent item(Tuple tuple) {
        return (AlertEvent) tuple.getValueByField(TupleFields.ALERT);
    }

    @Override
    protected void write(List<AlertEvent> batch) throws Exception {
        await(store.saveAll(batch));
    }

    @Override
    protected String recordKey(Tuple tuple) {
        return item(tuple).eventId();
    }

    @Override
    protected Values deadLetter(Tuple tuple, Rejection rejection) {
        AlertEvent e = item(tuple);
        return support().deadLetters().ofPayload(support().settings().clinicianAlertsTopic(), e.patientId(),
                Json.bytes(AlertMessages.clinician(e)), rejection);
    }
}
