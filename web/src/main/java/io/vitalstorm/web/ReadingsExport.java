package io.vitalstorm.web;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.vitalstorm.core.json.Json;
import io.vitalstorm.core.json.ObservationJson;
import io.vitalstorm.core.model.Observation;
import io.vitalstorm.storage.VitalHistory;
import io.vitalstorm.storage.cassandra.HistoryEntry;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/**
 * A slice of the stored readings (patients × time range) written as CSV or JSON lines while the
 * history is scanned: one row at a time goes from the {@link VitalHistory} scan to the output, so
 * a year of 1 Hz readings never sits in memory. Patients in the order asked, each newest first.
 * Identifiers (patient, device) and event times pass through a {@link Disclosure}: pseudonyms
 * and the patient's time shift, or as stored for users who may see identities. Stops after
 * {@code maxRows}.
 */
final class ReadingsExport {

    enum Format {
        CSV("csv", TableExport.CSV), JSONL("jsonl", TableExport.JSON_LINES);

        final String extension;
        final String contentType;

        Format(String extension, String contentType) {
            this.extension = extension;
            this.contentType = contentType;
        }

        static Format parse(String text) {
            for (Format f : values()) {
                if (f.extension.equals(text)) {
                    return f;
                }
            }
            throw ApiError.badRequest("format must be csv or jsonl");
        }
    }

    /** The columns, in order; a JSON line leaves out the vitals a reading did not have. */
    static final List<String> COLUMNS = List.of("patient", "ts", "time", "device", "news2", "band", "incomplete",
            "heartRate", "respiratoryRate", "spo2", "systolicBp", "temperature", "consciousness", "onOxygen");
    private static final CsvMapper CSV_MAPPER = new CsvMapper();
    private static final CsvSchema CSV_SCHEMA;

    static {
        CsvSchema.Builder b = CsvSchema.builder().setUseHeader(true);
        COLUMNS.forEach(b::addColumn);
        CSV_SCHEMA = b.build();
    }

    private ReadingsExport() {
    }

    /** Writes the slice to {@code out} (not closed) and returns the number of readings written. */
    static long write(VitalHistory history, List<String> patients, Instant from, Instant to, long maxRows,
                      Format format, Disclosure shown, OutputStream out) throws IOException {
        long[] written = {0};
        try (SequenceWriter rows = writer(format, out)) {
            for (String patient : patients) {
                String shownPatient = shown.id(patient);
                long shiftMillis = shown.shift(patient).toMillis();
                history.scan(patient, from, to, e -> {
                    if (written[0] >= maxRows) {
                        return false;
                    }
                    try {
                        rows.write(row(shownPatient, shiftMillis, e, shown));
                    } catch (IOException failure) {
                        throw new UncheckedIOException(failure);
                    }
                    written[0]++;
                    return true;
                });
                if (written[0] >= maxRows) {
                    break;
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (format == Format.JSONL && written[0] > 0) {
            out.write('\n'); // the separator goes between lines; the last one ends with a newline too
        }
        return written[0];
    }

    private static SequenceWriter writer(Format format, OutputStream out) throws IOException {
        if (format == Format.CSV) {
            return CSV_MAPPER.writer(CSV_SCHEMA).without(JsonGenerator.Feature.AUTO_CLOSE_TARGET).writeValues(out);
        }
        return Json.MAPPER.writer().withRootValueSeparator("\n").without(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .writeValues(out);
    }

    static ObjectNode row(String shownPatient, long shiftMillis, HistoryEntry e, Disclosure shown) {
        Observation o = e.observation();
        ObjectNode n = Json.object();
        long ts = o.ts() + shiftMillis;
        n.put("patient", shownPatient);
        n.put("ts", ts);
        n.put("time", Instant.ofEpochMilli(ts).toString());
        if (o.deviceId() != null) {
            n.put("device", shown.id(o.deviceId()));
        }
        n.put("news2", e.news2());
        n.put("band", e.band());
        n.put("incomplete", e.incomplete());
        n.setAll(ObservationJson.vitals(o));
        return n;
    }
}
