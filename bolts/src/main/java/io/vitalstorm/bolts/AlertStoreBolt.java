package io.vitalstorm.bolts;

import io.vitalstorm.core.alert.AlertEvent;
import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.storage.cassandra.AlertStore;
import org.apache.storm.tuple.Tuple;

import java.util.List;
import java.util.Map;

/** Cassandra: every alert transition, with its reason. */
public final class AlertStoreBolt extends BatchingBolt<AlertEvent> {

    private static final long serialVersionUID = 1L;

    private transient AlertStore store;

    public AlertStoreBolt() {
        super(100, 50);
    }

    @Override
    protected void open(Map<String, Object> conf) {
        VitalStormSettings s = VitalStormSettings.fromMap(conf);
        store = new AlertStore(WorkerResources.cassandra(s), s.cassandraKeyspace(), s.retentionDays());
    }

    @Override
    protected AlertEvent item(Tuple tuple) {
        return (AlertEvent) tuple.getValueByField(TupleFields.ALERT);
    }

    @Override
    protected void write(List<AlertEvent> batch) throws Exception {
        await(store.saveAll(batch));
    }
}
