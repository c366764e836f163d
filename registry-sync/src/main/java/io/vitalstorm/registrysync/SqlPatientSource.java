package io.vitalstorm.registrysync;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Reads the hospital's patient rows through JDBC, read-only: the configured query wrapped as a
 * subquery, filtered on the update column from a given time when incremental, in update order.
 * A connection per run (runs are a minute or more apart), the password from its file.
 */
public final class SqlPatientSource {

    private static final int FETCH_SIZE = 1_000;
    private static final int QUERY_TIMEOUT_SECONDS = 300;

    private final RegistrySqlSettings settings;

    public SqlPatientSource(RegistrySqlSettings settings) {
        this.settings = settings;
    }

    /** The rows changed after {@code since} (incremental), or every row ({@code since} ignored for a full diff). */
    public List<SqlRow> read(Instant since) throws SQLException {
        String sql = "SELECT * FROM (" + settings.query() + ") AS vitalstorm_src";
        if (settings.incremental()) {
            sql += " WHERE vitalstorm_src." + settings.updatedColumn() + " > ? ORDER BY vitalstorm_src."
                    + settings.updatedColumn();
        }
        try (Connection c = connect()) {
            c.setReadOnly(true);
            c.setAutoCommit(false); // PostgreSQL streams with a fetch size only inside a transaction
            try (PreparedStatement st = c.prepareStatement(sql)) {
                st.setFetchSize(FETCH_SIZE);
                st.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
                if (settings.incremental()) {
                    st.setTimestamp(1, Timestamp.from(since == null ? Instant.EPOCH : since));
                }
                try (ResultSet rs = st.executeQuery()) {
                    List<String> labels = labels(rs.getMetaData());
                    checkConfiguredColumns(labels);
                    List<SqlRow> rows = new ArrayList<>();
                    long number = 0;
                    while (rs.next()) {
                        Map<String, Object> values = new HashMap<>();
                        for (int i = 0; i < labels.size(); i++) {
                            values.put(labels.get(i), rs.getObject(i + 1));
                        }
                        rows.add(new SqlRow(++number, values));
                    }
                    return rows;
                }
            } finally {
                c.rollback();
            }
        }
    }

    private Connection connect() throws SQLException {
        Properties p = new Properties();
        if (settings.user() != null) {
            p.setProperty("user", settings.user());
        }
        if (settings.passwordFile() != null && !settings.passwordFile().isBlank()) {
            p.setProperty("password", CredentialFile.read(Path.of(settings.passwordFile())));
        }
        DriverManager.setLoginTimeout(30);
        return DriverManager.getConnection(settings.jdbcUrl(), p);
    }

    private static List<String> labels(ResultSetMetaData md) throws SQLException {
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            out.add(md.getColumnLabel(i).toLowerCase(Locale.ROOT));
        }
        return out;
    }

    /** A mapping naming a column the query does not return is a configuration mistake: refuse the run. */
    private void checkConfiguredColumns(List<String> labels) {
        Set<String> present = new HashSet<>(labels);
        List<String> missing = new ArrayList<>();
        settings.columns().forEach((field, column) -> {
            if (!present.contains(column.toLowerCase(Locale.ROOT))) {
                missing.add("column." + field + "=" + column);
            }
        });
        settings.identifiers().forEach((system, column) -> {
            if (!present.contains(column.toLowerCase(Locale.ROOT))) {
                missing.add("identifier." + system + "=" + column);
            }
        });
        if (!present.contains(settings.column("id").toLowerCase(Locale.ROOT))) {
            missing.add("column.id=" + settings.column("id"));
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("the registry query returns no column for " + String.join(", ", missing)
                    + " (it returns " + String.join(", ", labels) + ")");
        }
    }
}
