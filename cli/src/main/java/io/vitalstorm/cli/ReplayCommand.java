package io.vitalstorm.cli;

import io.vitalstorm.core.json.PatientProfilesFile;
import io.vitalstorm.core.model.PatientProfile;
import io.vitalstorm.core.replay.Replay;
import io.vitalstorm.core.thresholds.Thresholds;
import io.vitalstorm.core.thresholds.ThresholdsJson;
import io.vitalstorm.topology.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code vitalstorm replay --patients P.jsonl [--thresholds T.json] [--scores] OBS.jsonl}: the
 * clinical engine over recorded data, no servers needed. Every line is replayed whatever the
 * others hold; exit 0 when every line was valid, 2 when some were not (each is listed on stderr
 * with its line number and reason, and everything valid was still processed).
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "The clinical engine over recorded readings, in file order, no servers needed: one JSON"
                + " object per alert transition (or per reading with --scores) on stdout, invalid lines on stderr.",
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {"0:every line was valid", "2:some lines were invalid (listed on stderr, the rest replayed)",
            ExitCodes.FAILED_LINE, ExitCodes.USAGE_LINE})
final class ReplayCommand implements Callable<Integer> {

    @Option(names = "--patients", paramLabel = "PATIENTS.jsonl", description = "patient profiles (JSONL)")
    private Path patients;

    @Option(names = "--thresholds", paramLabel = "THRESHOLDS.json",
            description = "a thresholds document; the defaults without it")
    private Path thresholds;

    @Option(names = "--scores", description = "print every reading's NEWS2 score instead of the alert transitions")
    private boolean scores;

    @Parameters(paramLabel = "OBSERVATIONS.jsonl", description = "the readings, native JSON or FHIR R4, one per line")
    private Path observations;

    private final Streams io;

    private ReplayCommand(Streams io) {
        this.io = io;
    }

    @Override
    public Integer call() throws IOException {
        Map<String, PatientProfile> profiles = new HashMap<>();
        if (patients != null) {
            PatientProfilesFile.Contents contents = PatientProfilesFile.read(patients);
            if (!contents.errors().isEmpty()) {
                contents.errors().forEach(io.err()::println);
                io.err().println("replay: the patients file has " + contents.errors().size()
                        + " invalid lines; fix them first");
                return ExitCodes.INVALID;
            }
            contents.profiles().forEach(p -> profiles.put(p.patientId(), p));
        }
        Thresholds chosen = thresholds == null ? Thresholds.DEFAULTS
                : ThresholdsJson.parse(Files.readAllBytes(thresholds));
        Replay replay = new Replay(chosen, profiles, scores ? Replay.Output.SCORES : Replay.Output.ALERTS);
        Replay.Summary summary;
        // bytes, not a decoding reader: a line that is not UTF-8 is refused with its number, the rest still replayed
        try (InputStream in = Files.newInputStream(observations)) {
            summary = replay.run(in, io.out(), io.err());
        }
        io.out().flush();
        io.err().println(summary);
        return summary.allValid() ? ExitCodes.DONE : ExitCodes.INVALID;
    }
}
