package io.vitalstorm.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.vitalstorm.core.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Flat JSON rows (a catalog search result) as CSV with a header or as JSON lines, for data
 * engineers' tools. CSV goes through Jackson's CSV writer (quoting, embedded newlines); the
 * columns are the union of the rows' fields in first-seen order, an absent field an empty cell.
 */
final class TableExport {

    static final String CSV = "text/csv; charset=utf-8";
    static final String JSON_LINES = "application/x-ndjson; charset=utf-8";
    private static final CsvMapper CSV_MAPPER = new CsvMapper();

    private TableExport() {
    }

    static String csv(ArrayNode rows) {
        Set<String> columns = new LinkedHashSet<>();
        rows.forEach(r -> r.fieldNames().forEachRemaining(columns::add));
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        columns.forEach(schema::addColumn);
        try {
            return CSV_MAPPER.writer(schema.build()).writeValueAsString(rows);
        } catch (IOException e) {
            throw new UncheckedIOException("flat rows always write as CSV", e);
        }
    }

    static String jsonLines(ArrayNode rows) {
        StringBuilder out = new StringBuilder();
        for (Iterator<JsonNode> it = rows.elements(); it.hasNext(); ) {
            out.append(Json.string(it.next())).append('\n');
        }
        return out.toString();
    }
}
