package io.vitalstorm.bolts;

import io.vitalstorm.bolts.serde.AlertTransitionCodec;
import io.vitalstorm.core.alert.AlertEvent;
import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.storage.cassandra.AlertStore;
import org.apache.storm.task.TopologyContext;

import java.util.List;

/**
 * Cassandra: every alert transition, with its reason. Fed by the history spout (the alert bolt
 * publishes each transition to the history topic), not by the alert bolt: a Cassandra outage
 * holds back only this store, never an alert, and replays nothing into the alert engine.
 * Transitions are keyed by event id, so a replayed one is stored once.
 */
public final class AlertStoreBolt extends KafkaRecordBatchingBolt<AlertEvent> {

    private static final long serialVersionUID = 1L;

    private final ClientFactory<AlertStore> storeFactory;
    private transient AlertStore store;

    public AlertStoreBolt() {
        this(WorkerResources::alertStore, WorkerResources::schemaRepair);
    }

    AlertStoreBolt(ClientFactory<AlertStore> storeFactory, ClientFactory<Runnable> schemaRepair) {
        super(100, 50, schemaRepair);
        this.storeFactory = storeFactory;
    }

    @Override
    protected void open(VitalStormSettings settings, TopologyContext context) {
        store = storeFactory.create(settings);
    }

    @Override
    protected AlertEvent decode(byte[] value) {
        return AlertTransitionCodec.decode(value);
    }

    @Override
    protected void write(List<AlertEvent> batch) throws Exception {
        await(store.saveAll(batch));
    }
}
