package io.vitalstorm.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vitalstorm.core.json.Json;
import io.vitalstorm.core.model.Observation;
import io.vitalstorm.core.parse.ObservationParser;
import io.vitalstorm.storage.VitalHistory;
import io.vitalstorm.storage.cassandra.HistoryEntry;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FhirResourcesTest {

    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    /** History in memory, in the order the Cassandra layout gives: ts descending, device ascending. */
    private record InMemoryHistory(List<HistoryEntry> rows) implements VitalHistory {
        InMemoryHistory {
            rows = new ArrayList<>(rows);
            rows.sort(Comparator.comparingLong((HistoryEntry e) -> -e.observation().ts())
                    .thenComparing(e -> e.observation().deviceId()));
        }

        @Override
        public void scan(String patientId, Instant from, Instant to, Predicate<HistoryEntry> sink) {
            for (HistoryEntry e : rows) {
                long ts = e.observation().ts();
                if (ts >= from.toEpochMilli() && ts < to.toEpochMilli() && !sink.test(e)) {
                    return;
                }
            }
        }
    }

    private static HistoryEntry reading(long second, String device, double hr) {
        return new HistoryEntry(new Observation("P1", device, T0.toEpochMilli() + second * 1000, hr, 18.0, 96.0, 120.0,
                37.1, null, false), 1, "LOW", Map.of(), false, true);
    }

    @Test
    void pagesWalkEveryReadingOnceNewestFirstEvenWhenDevicesShareATimestamp() {
        List<HistoryEntry> rows = new ArrayList<>();
        for (int s = 0; s < 50; s++) {
            rows.add(reading(s, "wrist", 60 + s));
            if (s % 10 == 0) {
                rows.add(reading(s, "nurse", 80 + s)); // same time, second device
            }
        }
        VitalHistory history = new InMemoryHistory(rows);
        Set<String> seen = new HashSet<>();
        List<Long> order = new ArrayList<>();
        FhirResources.Cursor cursor = null;
        int pages = 0;
        do {
            FhirResources.Page page = FhirResources.page(history, "P1", T0, T0.plusSeconds(3600), 7, cursor);
            assertThat(page.entries().size()).isLessThanOrEqualTo(7);
            for (HistoryEntry e : page.entries()) {
                assertThat(seen.add(e.observation().ts() + e.observation().deviceId())).isTrue();
                order.add(e.observation().ts());
            }
            // the cursor survives its trip through a URL
            cursor = page.next() == null ? null : FhirResources.Cursor.decode(page.next().encode());
            pages++;
        } while (cursor != null);
        assertThat(seen).hasSize(55);
        assertThat(pages).isEqualTo(8); // 55 = 7 * 7 + 6
        assertThat(order).isSortedAccordingTo(Comparator.reverseOrder());
    }

    @Test
    void lastFullPageHasNoNextLink() {
        VitalHistory history = new InMemoryHistory(List.of(reading(1, "d", 70), reading(2, "d", 71)));
        FhirResources.Page page = FhirResources.page(history, "P1", T0, T0.plusSeconds(10), 2, null);
        assertThat(page.entries()).hasSize(2);
        assertThat(page.next()).isNull();
    }

    @Test
    void searchsetBundleWithLoincCodedPanelAndPagingLinks() {
        VitalHistory history =
                new InMemoryHistory(List.of(reading(1, "d", 70), reading(2, "d", 71), reading(3, "d", 72)));
        FhirResources.Page page = FhirResources.page(history, "P1", T0, T0.plusSeconds(10), 2, null);
        ObjectNode bundle = FhirResources.searchset(page, "http://h/fhir/Observation?x",
                "http://h/fhir/Observation?next",
                "http://h/fhir");
        assertThat(bundle.path("resourceType").asText()).isEqualTo("Bundle");
        assertThat(bundle.path("type").asText()).isEqualTo("searchset");
        assertThat(bundle.path("link").findValuesAsText("relation")).containsExactly("self", "next");
        assertThat(bundle.path("entry")).hasSize(2);
        JsonNode obs = bundle.path("entry").get(0).path("resource");
        assertThat(obs.path("resourceType").asText()).isEqualTo("Observation");
        assertThat(obs.path("id").asText()).matches("[A-Za-z0-9\\-.]{1,64}");
        assertThat(bundle.path("entry").get(0).path("fullUrl").asText())
                .isEqualTo("http://h/fhir/Observation/" + obs.path("id").asText());
        assertThat(obs.path("subject").path("reference").asText()).isEqualTo("Patient/P1");
        assertThat(obs.path("effectiveDateTime").asText()).isEqualTo("2026-03-01T00:00:03Z");
        assertThat(obs.path("code").path("coding").get(0).path("code").asText()).isEqualTo("85353-1");
        JsonNode hr = obs.path("component").get(0);
        assertThat(hr.path("code").path("coding").get(0).path("code").asText()).isEqualTo("8867-4");
        assertThat(hr.path("valueQuantity").path("value").asDouble()).isEqualTo(72);
        assertThat(hr.path("valueQuantity").path("code").asText()).isEqualTo("/min");
        assertThat(obs.path("component")).hasSize(5);
    }

    @Test
    void theObservationReadsBackThroughTheIngestParserAsTheSameReading() {
        HistoryEntry e = reading(5, "wrist-7", 88);
        ObjectNode obs = FhirResources.observation(e);
        obs.putObject("device").put("reference", "Device/wrist-7");
        List<Observation> parsed = new ObservationParser().parse(Json.bytes(obs)).observations();
        assertThat(parsed)
                .containsExactly(new Observation("P1", "wrist-7", e.observation().ts(), 88.0, 18.0, 96.0, 120.0,
                37.1, null, null));
    }

    @Test
    void aForgedCursorIsABadRequest() {
        assertThatThrownBy(() -> FhirResources.Cursor.decode("not-a-cursor!"))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void operationOutcomeCarriesCodeAndDiagnostics() {
        ObjectNode o = FhirResources.operationOutcome("forbidden", "you may not see this patient");
        assertThat(o.path("resourceType").asText()).isEqualTo("OperationOutcome");
        assertThat(o.path("issue").get(0).path("code").asText()).isEqualTo("forbidden");
        assertThat(o.path("issue").get(0).path("severity").asText()).isEqualTo("error");
    }
}
