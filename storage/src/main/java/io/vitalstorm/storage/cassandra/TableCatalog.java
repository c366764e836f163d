package io.vitalstorm.storage.cassandra;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.metadata.schema.ColumnMetadata;
import com.datastax.oss.driver.api.core.metadata.schema.TableMetadata;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The keyspace's tables as Cassandra itself describes them (the driver's schema metadata): keys,
 * columns and their types, and the default TTL that is the table's retention. For the data
 * catalog, so what it shows is what is deployed, not what a document says.
 */
public final class TableCatalog {

    public record Column(String name, String type) {
    }

    /** {@code defaultTtlSeconds} 0: kept until deleted. */
    public record Table(String name, List<String> partitionKey, List<String> clusteringColumns, List<Column> columns,
                        long defaultTtlSeconds) {
    }

    private final CqlSession session;
    private final String keyspace;

    public TableCatalog(CqlSession session, String keyspace) {
        this.session = session;
        this.keyspace = keyspace;
    }

    public List<Table> tables() {
        List<Table> out = new ArrayList<>();
        session.getMetadata().getKeyspace(keyspace).ifPresent(ks -> {
            for (TableMetadata t : ks.getTables().values()) {
                List<Column> columns = new ArrayList<>();
                for (ColumnMetadata c : t.getColumns().values()) {
                    columns.add(new Column(c.getName().asInternal(), c.getType().asCql(false, true)));
                }
                Map<CqlIdentifier, Object> options = t.getOptions();
                Object ttl = options.get(CqlIdentifier.fromCql("default_time_to_live"));
                out.add(new Table(t.getName().asInternal(),
                        t.getPartitionKey().stream().map(c -> c.getName().asInternal()).toList(),
                        t.getClusteringColumns().keySet().stream().map(c -> c.getName().asInternal()).toList(),
                        columns, ttl instanceof Number n ? n.longValue() : 0));
            }
        });
        out.sort(Comparator.comparing(Table::name));
        return out;
    }
}
