package io.vitalstorm.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import io.vitalstorm.core.json.Json;
import io.vitalstorm.core.json.ObservationJson;
import io.vitalstorm.core.model.Observation;
import io.vitalstorm.core.model.PatientProfile;
import io.vitalstorm.core.replay.Replay;
import io.vitalstorm.core.scenario.ClinicalScenarios;
import io.vitalstorm.core.scenario.ClinicalScenarios.Scenario;
import io.vitalstorm.core.thresholds.Thresholds;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The offline engine as the topology tests' oracle: {@code replay} (core, no Storm) of the same readings. */
public final class OfflineOracle {

    private OfflineOracle() {
    }

    /**
     * The clinician messages {@code Replay} makes of {@code readings} for the scenarios' patients with the default
     * thresholds, every condition included (NO_DATA runs on the file's clock here: callers comparing with a
     * topology, whose clock is the wall's, leave it out with {@link #isNoData}).
     */
    public static List<JsonNode> alerts(List<Scenario> scenarios, List<Observation> readings) throws Exception {
        Map<String, PatientProfile> profiles = scenarios.stream()
                .collect(Collectors.toMap(Scenario::patientId, ClinicalScenarios::profile));
        String lines = readings.stream().map(o -> Json.string(ObservationJson.input(o)))
                .collect(Collectors.joining("\n"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new Replay(Thresholds.DEFAULTS, profiles, Replay.Output.ALERTS).run(new BufferedReader(new StringReader(lines)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(OutputStream.nullOutputStream()));
        List<JsonNode> alerts = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                alerts.add(Json.MAPPER.readTree(line));
            }
        }
        return alerts;
    }

    public static boolean isNoData(JsonNode alert) {
        return alert.get("condition").asText().equals("NO_DATA");
    }
}
