package io.vitalstorm.cli;

import io.vitalstorm.core.json.Json;
import io.vitalstorm.core.json.ObservationJson;
import io.vitalstorm.core.json.PatientProfileJson;
import io.vitalstorm.core.model.Observation;
import io.vitalstorm.core.parse.EventTimes;
import io.vitalstorm.core.scenario.ClinicalScenarios;

import java.io.BufferedWriter;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * {@code vitalstorm scenario [--t0 ISO] [NAME...] DIR}: writes the clinical scenarios (all, or the
 * named ones) as {@code DIR/observations.jsonl} and {@code DIR/patients.jsonl}, ready for
 * {@code vitalstorm replay --patients DIR/patients.jsonl DIR/observations.jsonl} or for a Kafka
 * producer. Scenarios of different patients are interleaved by event time, as a ward sends them.
 */
final class ScenarioCommand {

    static final String USAGE = "scenario [--t0 2026-03-01T08:00:00Z] [NAME...] DIR   write the clinical scenarios for replay";

    private ScenarioCommand() {
    }

    static int run(String[] argv, PrintStream out, PrintStream err) throws Exception {
        Args args = Args.parse(argv, 1, Set.of("--t0"), Set.of());
        if (args.positional().isEmpty()) {
            throw new Args.UsageException("expected: " + USAGE);
        }
        long t0 = EventTimes.parseIso(args.option("--t0", "2026-03-01T08:00:00Z"))
                .orElseThrow(() -> new Args.UsageException("--t0 must be ISO-8601, e.g. 2026-03-01T08:00:00Z"));
        List<String> names = args.positional().subList(0, args.positional().size() - 1);
        Path dir = Path.of(args.positional().get(args.positional().size() - 1));
        List<ClinicalScenarios.Scenario> chosen = ClinicalScenarios.all("SCN-", t0).stream()
                .filter(s -> names.isEmpty() || names.contains(s.name())).toList();
        if (chosen.size() < names.size()) {
            throw new Args.UsageException("unknown scenario among " + names + "; known: "
                    + ClinicalScenarios.all("SCN-", t0).stream().map(ClinicalScenarios.Scenario::name).toList());
        }
        Files.createDirectories(dir);
        try (BufferedWriter patients = Files.newBufferedWriter(dir.resolve("patients.jsonl"));
             BufferedWriter observations = Files.newBufferedWriter(dir.resolve("observations.jsonl"))) {
            for (ClinicalScenarios.Scenario s : chosen) {
                patients.write(Json.string(PatientProfileJson.toJson(ClinicalScenarios.profile(s))));
                patients.newLine();
                out.println(s.name() + " (" + s.patientId() + ", " + s.readings().size() + " readings from "
                        + Instant.ofEpochMilli(s.start()) + "): expected " + s.expected());
            }
            for (Observation o : ClinicalScenarios.interleaved(chosen)) {
                observations.write(Json.string(ObservationJson.input(o)));
                observations.newLine();
            }
        }
        out.println("wrote " + dir.resolve("observations.jsonl") + " and " + dir.resolve("patients.jsonl"));
        return 0;
    }
}
