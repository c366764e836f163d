package io.vitalstorm.cli;

import io.vitalstorm.core.json.PatientProfilesFile;
import io.vitalstorm.core.model.PatientProfile;
import io.vitalstorm.core.replay.Replay;
import io.vitalstorm.core.thresholds.Thresholds;
import io.vitalstorm.core.thresholds.ThresholdsJson;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code vitalstorm replay --patients P.jsonl [--thresholds T.json] [--scores] OBS.jsonl}: the
 * clinical engine over recorded data, no servers needed. Every line is replayed whatever the
 * others hold; exit 0 when every line was valid, 2 when some were not (each is listed on stderr
 * with its line number and reason, and everything valid was still processed).
 */
final class ReplayCommand {

    static final String USAGE = "replay --patients PATIENTS.jsonl [--thresholds THRESHOLDS.json] [--scores] OBSERVATIONS.jsonl";

    private ReplayCommand() {
    }

    static int run(String[] argv, PrintStream out, PrintStream err) throws IOException {
        Args args = Args.parse(argv, 1, Set.of("--patients", "--thresholds"), Set.of("--scores"));
        if (args.positional().size() != 1) {
            throw new Args.UsageException("expected exactly one observations file");
        }
        Map<String, PatientProfile> profiles = new HashMap<>();
        if (args.option("--patients") != null) {
            PatientProfilesFile.Contents contents = PatientProfilesFile.read(Path.of(args.option("--patients")));
            if (!contents.errors().isEmpty()) {
                contents.errors().forEach(err::println);
                err.println("replay: the patients file has " + contents.errors().size() + " invalid lines; fix them first");
                return 2;
            }
            contents.profiles().forEach(p -> profiles.put(p.patientId(), p));
        }
        Thresholds thresholds = Thresholds.DEFAULTS;
        if (args.option("--thresholds") != null) {
            thresholds = ThresholdsJson.parse(Files.readAllBytes(Path.of(args.option("--thresholds"))));
        }
        Replay replay = new Replay(thresholds, profiles, args.flag("--scores") ? Replay.Output.SCORES : Replay.Output.ALERTS);
        Replay.Summary summary;
        // bytes, not a decoding reader: a line that is not UTF-8 is refused with its number, the rest still replayed
        try (InputStream in = Files.newInputStream(Path.of(args.positional().get(0)))) {
            summary = replay.run(in, out, err);
        }
        out.flush();
        err.println(summary);
        return summary.allValid() ? 0 : 2;
    }
}
