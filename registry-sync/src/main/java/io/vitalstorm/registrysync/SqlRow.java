package io.vitalstorm.registrysync;

import java.util.Map;

/** One row of the hospital query: its position in the result, and its values by lower-case column label. */
public record SqlRow(long number, Map<String, Object> values) {

    public Object get(String column) {
        return column == null ? null : values.get(column.toLowerCase(java.util.Locale.ROOT));
    }

    public boolean has(String column) {
        return column != null && values.containsKey(column.toLowerCase(java.util.Locale.ROOT));
    }
}
