package io.vitalstorm.storage.cassandra;

import com.datastax.oss.driver.api.core.data.TupleValue;
import com.datastax.oss.driver.api.core.type.DataTypes;
import com.datastax.oss.driver.api.core.type.TupleType;
import io.vitalstorm.storage.AggregatedSeries;
import io.vitalstorm.storage.history.SeriesHistogram;

import java.util.LinkedHashMap;
import java.util.Map;

/** A rollup row's {@code stats}: series name → (min, median, max, count), readable in cqlsh. */
public final class RollupRows {

    static final TupleType STATS = DataTypes.tupleOf(DataTypes.DOUBLE, DataTypes.DOUBLE, DataTypes.DOUBLE,
            DataTypes.INT);

    private RollupRows() {
    }

    public static Map<String, TupleValue> stats(SeriesHistogram h) {
        Map<String, TupleValue> out = new LinkedHashMap<>();
        h.stats().forEach((name, s) -> out.put(name, STATS.newValue(s.min(), s.median(), s.max(), s.count())));
        return out;
    }

    static Map<String, AggregatedSeries.Stats> stats(Map<String, TupleValue> row) {
        Map<String, AggregatedSeries.Stats> out = new LinkedHashMap<>();
        row.forEach((name, t) ->
                out.put(name, new AggregatedSeries.Stats(t.getDouble(0), t.getDouble(1), t.getDouble(2),
                t.getInt(3))));
        return out;
    }
}
