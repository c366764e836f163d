package io.vitalstorm.core.scenario;

import io.vitalstorm.core.model.PatientProfile;
import io.vitalstorm.core.parse.ObservationParser;
import io.vitalstorm.core.parse.ParseResult;
import io.vitalstorm.core.parse.PatientIdentifiers;
import io.vitalstorm.core.parse.Rejection;
import io.vitalstorm.core.replay.Replay;
import io.vitalstorm.core.thresholds.Thresholds;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.vitalstorm.core.testsupport.JsonSupport.jsonLines;
import static org.assertj.core.api.Assertions.assertThat;

/** The FHIR conformance corpus through the parser (with the registry's identifier index) and through replay. */
class FhirCorpusTest {

    private static final long T0 = Instant.parse("2026-11-01T07:00:00Z").toEpochMilli();

    private static List<FhirCorpus.Case> corpus() {
        List<FhirCorpus.Case> all = new ArrayList<>(FhirCorpus.all("F-", T0));
        all.add(FhirCorpus.identifierSubject("F-", T0));
        return all;
    }

    private static Map<String, PatientProfile> registry() {
        return corpus().stream().collect(Collectors.toMap(FhirCorpus.Case::patientId, FhirCorpus::profile));
    }

    @Test
    void everyCaseYieldsItsObservationsAndNamesEveryProblem() {
        ObservationParser parser = new ObservationParser(PatientIdentifiers.of(registry().values()));
        for (FhirCorpus.Case c : corpus()) {
            ParseResult r = parser.parse(c.json().getBytes(StandardCharsets.UTF_8));
            assertThat(r.observations()).as(c.name()).containsExactlyElementsOf(c.expected());
            if (c.refusals().isEmpty()) {
                assertThat(r.rejections()).as(c.name()).isEmpty();
            } else {
                Rejection combined = ParseResult.combine(r.rejections());
                assertThat(combined.toString()).as(c.name()).contains(c.refusals());
            }
        }
    }

    @Test
    void withoutTheIdentifierIndexAnIdentifierSubjectIsRefusedWithTheIdentifier() {
        FhirCorpus.Case c = FhirCorpus.identifierSubject("F-", T0);
        ParseResult r = new ObservationParser().parse(c.json().getBytes(StandardCharsets.UTF_8));
        assertThat(r.observations()).isEmpty();
        assertThat(r.rejections()).singleElement().satisfies(rej -> assertThat(rej.message())
                .isEqualTo("subject.identifier " + FhirCorpus.MRN + "|MRN-F-MRN is no patient of the registry"));
    }

    @Test
    void replayScoresEveryReadableCaseAndListsEveryRefusal() throws IOException {
        List<FhirCorpus.Case> corpus = corpus();
        String file = corpus.stream().map(FhirCorpus.Case::json).collect(Collectors.joining("\n"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Replay.Summary summary = new Replay(Thresholds.DEFAULTS, registry(), Replay.Output.SCORES).run(
                new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(jsonLines(out.toString(StandardCharsets.UTF_8))).extracting(n -> n.get("patientId").asText())
                .containsExactlyElementsOf(corpus.stream().flatMap(c -> c.expected().stream()).map(o -> o.patientId())
                        .toList());
        List<String> errors = err.toString(StandardCharsets.UTF_8).lines().toList();
        List<FhirCorpus.Case> refused = corpus.stream().filter(c -> !c.refusals().isEmpty()).toList();
        assertThat(errors).hasSize(refused.size());
        for (int i = 0; i < refused.size(); i++) {
            int line = corpus.indexOf(refused.get(i)) + 1;
            assertThat(errors.get(i)).startsWith("line " + line + ": ").contains(refused.get(i).refusals());
        }
        assertThat(summary.invalid).isEqualTo(refused.size());
    }
}
