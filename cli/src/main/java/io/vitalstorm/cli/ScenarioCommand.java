package io.vitalstorm.cli;

import io.vitalstorm.core.json.Json;
import io.vitalstorm.core.json.ObservationJson;
import io.vitalstorm.core.json.PatientProfileJson;
import io.vitalstorm.core.model.Observation;
import io.vitalstorm.core.parse.EventTimes;
import io.vitalstorm.core.scenario.ClinicalScenarios;
import io.vitalstorm.topology.cli.ExitCodes;
import io.vitalstorm.topology.cli.UsageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code vitalstorm scenario [--t0 ISO] [NAME...] DIR}: writes the clinical scenarios (all, or the
 * named ones) as {@code DIR/observations.jsonl} and {@code DIR/patients.jsonl}, ready for
 * {@code vitalstorm replay --patients DIR/patients.jsonl DIR/observations.jsonl} or for a Kafka
 * producer. Scenarios of different patients are interleaved by event time, as a ward sends them.
 */
@Command(name = "scenario", mixinStandardHelpOptions = true,
        description = "Write the clinical scenarios (all, or the named ones) as DIR/observations.jsonl and"
                + " DIR/patients.jsonl, ready for replay or a Kafka producer.",
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.DONE_LINE, ExitCodes.FAILED_LINE, ExitCodes.USAGE_LINE})
final class ScenarioCommand implements Callable<Integer> {

    @Option(names = "--t0", paramLabel = "ISO-8601", defaultValue = "2026-03-01T08:00:00Z",
            description = "when the scenarios start (default: ${DEFAULT-VALUE})")
    private String t0;

    @Parameters(arity = "1..*", paramLabel = "[NAME...] DIR",
            description = "scenario names (default: all), then the directory to write")
    private List<String> namesThenDir;

    private final Streams io;

    private ScenarioCommand(Streams io) {
        this.io = io;
    }

    @Override
    public Integer call() throws Exception {
        long start = EventTimes.parseIso(t0)
                .orElseThrow(() -> new UsageException("--t0 must be ISO-8601, e.g. 2026-03-01T08:00:00Z"));
        List<String> names = namesThenDir.subList(0, namesThenDir.size() - 1);
        Path dir = Path.of(namesThenDir.get(namesThenDir.size() - 1));
        List<ClinicalScenarios.Scenario> chosen = ClinicalScenarios.all("SCN-", start).stream()
                .filter(s -> names.isEmpty() || names.contains(s.name())).toList();
        if (chosen.size() < names.size()) {
            throw new UsageException("unknown scenario among " + names + "; known: "
                    + ClinicalScenarios.all("SCN-", start).stream().map(ClinicalScenarios.Scenario::name).toList());
        }
        Files.createDirectories(dir);
        try (BufferedWriter patients = Files.newBufferedWriter(dir.resolve("patients.jsonl"));
             BufferedWriter observations = Files.newBufferedWriter(dir.resolve("observations.jsonl"))) {
            for (ClinicalScenarios.Scenario s : chosen) {
                patients.write(Json.string(PatientProfileJson.toJson(ClinicalScenarios.profile(s))));
                patients.newLine();
                io.out().println(s.name() + " (" + s.patientId() + ", " + s.readings().size() + " readings from "
                        + Instant.ofEpochMilli(s.start()) + "): expected " + s.expected());
            }
            for (Observation o : ClinicalScenarios.interleaved(chosen)) {
                observations.write(Json.string(ObservationJson.input(o)));
                observations.newLine();
            }
        }
        io.out().println("wrote " + dir.resolve("observations.jsonl") + " and " + dir.resolve("patients.jsonl"));
        return ExitCodes.DONE;
    }
}
