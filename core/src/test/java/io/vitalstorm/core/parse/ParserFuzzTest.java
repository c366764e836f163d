package io.vitalstorm.core.parse;

import io.vitalstorm.core.alert.AcknowledgementParser;
import io.vitalstorm.core.scenario.FhirCorpus;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Hostile bytes against the parsers (deterministic seed, 100k cases each): random bytes, and valid
 * native, FHIR and acknowledgement records mutated byte-wise and with hostile values spliced in
 * (years beyond range, huge numbers, deep nesting, duplicate keys, control characters). Each
 * input must give a result or a rejection — never an exception, never a defect (INTERNAL_ERROR),
 * never an empty answer.
 */
class ParserFuzzTest {

    private static final int CASES = 100_000;
    private static final List<String> SEEDS = seeds(
            "{\"patientId\":\"P1\",\"deviceId\":\"band-1\",\"ts\":1772352000000,\"heartRate\":72,"
            + "\"respiratoryRate\":15,"
                    + "\"spo2\":97,\"systolicBp\":120,\"temperature\":36.8,\"consciousness\":\"A\",\"onOxygen\":false}",
            "{\"patientId\":\"P1\",\"ts\":\"2026-03-01T08:00:00Z\",\"heartRate\":72}",
            "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[{\"resource\":{\"resourceType\":"
            + "\"Observation\","
                    + "\"status\":\"final\",\"subject\":{\"reference\":\"Patient/P1\"},\"effectiveDateTime\":"
                    + "\"2026-11-01T08:00:00Z\","
                    + "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"85354-9\"}]},"
                    + "\"component\":[{\"code\":"
                    + "{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"8480-6\"}]},\"valueQuantity\":"
                    + "{\"value\":120,"
                    + "\"unit\":\"mm[Hg]\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"mm[Hg]\"}}]}},"
                    + "{\"resource\":"
                    + "{\"resourceType\":\"Observation\",\"status\":\"final\",\"subject\":{\"reference\":"
                    + "\"Patient/P1\"},"
                    + "\"effectivePeriod\":{\"start\":\"2026-11-01T07:59:00Z\",\"end\":\"2026-11-01T08:"
                    + "00:00Z\"},\"code\":{\"coding\":"
                    + "[{\"system\":\"http://loinc.org\",\"code\":\"59408-5\"}]},\"valueQuantity\":"
                    + "{\"value\":95,\"unit\":\"%\","
                    + "\"system\":\"http://unitsofmeasure.org\",\"code\":\"%\"}}}]}");

    /**
     * The hand-written seeds and every resource of the FHIR conformance corpus (urn:uuid subjects, components,
     * periods).
     */
    private static List<String> seeds(String... own) {
        List<String> all = new java.util.ArrayList<>(List.of(own));
        FhirCorpus.all("Z-", 1772352000000L).forEach(c -> all.add(c.json()));
        all.add(FhirCorpus.identifierSubject("Z-", 1772352000000L).json());
        return List.copyOf(all);
    }
    private static final String ACK =
            "{\"patientId\":\"P1\",\"alertId\":\"P1-NEWS2-1\",\"by\":\"Dr Osei\",\"ts\":\"2026-03-01T08:00:00Z\","
            + "\"note\":\"on my way\"}";
    private static final String[] HOSTILE = {"\"+999999999-12-31T23:59:59Z\"", "-999999999999999999999999",
            "1e400", "-0",
            "9223372036854775808", "\"\\u0000\"", "\"\\ud800\"", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
            "{\"a\":1,\"a\":2}", "null",
            "\"Patient/\"", "\"urn:uuid:\"", "true", "\"\u202e\"", "{}", "[]", "\"" + "x".repeat(300) + "\""};

    /** With an identifier index, so identifier and urn:uuid subjects take their resolving paths too. */
    private final ObservationParser parser = new ObservationParser(identifier -> identifier.value().startsWith("MRN-")
            ? java.util.Optional.of("P-" + identifier.value().length()) : java.util.Optional.empty());

    @Test
    void theObservationParserNeverThrowsOnHostileBytes() {
        Random random = new Random(20261201);
        for (int i = 0; i < CASES; i++) {
            byte[] input = hostile(random, SEEDS.get(random.nextInt(SEEDS.size())));
            ParseResult r;
            try {
                r = parser.parse(input);
            } catch (Throwable t) {
                throw new AssertionError("case " + i + " threw on "
                        + new String(input, StandardCharsets.ISO_8859_1), t);
            }
            if (r.observations().isEmpty() && r.rejections().isEmpty()) {
                fail("case %d: neither a result nor a rejection for %s", i,
                        new String(input, StandardCharsets.ISO_8859_1));
            }
            for (Rejection rejection : r.rejections()) {
                assertThat(rejection.code()).as("case %d: %s", i, rejection)
                        .isNotEqualTo(Rejection.Code.INTERNAL_ERROR);
            }
        }
    }

    @Test
    void theAcknowledgementParserNeverThrowsOnHostileBytes() {
        Random random = new Random(20261202);
        for (int i = 0; i < CASES; i++) {
            byte[] input = hostile(random, ACK);
            AcknowledgementParser.Result r = AcknowledgementParser.parse(input, 1772352000000L);
            assertThat(r.ack() == null).as("case %d: exactly one of ack and rejection", i)
                    .isEqualTo(r.rejection() != null);
            if (r.rejection() != null) {
                assertThat(r.rejection().code()).as("case %d: %s", i, r.rejection())
                        .isNotEqualTo(Rejection.Code.INTERNAL_ERROR);
            }
        }
    }

    /** One hostile input derived from a valid record: random bytes, byte mutations, or a hostile value spliced in. */
    private static byte[] hostile(Random random, String seed) {
        switch (random.nextInt(4)) {
            case 0 -> {
                byte[] b = new byte[random.nextInt(200)];
                random.nextBytes(b);
                return b;
            }
            case 1 -> {
                byte[] b = seed.getBytes(StandardCharsets.UTF_8);
                for (int k = 1 + random.nextInt(4); k > 0; k--) {
                    b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                }
                return b;
            }
            case 2 -> {
                // replace one value (after a colon) with a hostile one
                int colon = seed.indexOf(':', random.nextInt(seed.length()));
                if (colon < 0) {
                    colon = seed.indexOf(':');
                }
                int end = colon + 1;
                while (end < seed.length() && ",}]".indexOf(seed.charAt(end)) < 0) {
                    end++;
                }
                return (seed.substring(0, colon + 1) + HOSTILE[random.nextInt(HOSTILE.length)] + seed.substring(end))
                        .getBytes(StandardCharsets.UTF_8);
            }
            default -> {
                // cut or append
                byte[] b = seed.getBytes(StandardCharsets.UTF_8);
                int cut = random.nextInt(b.length + 1);
                String tail = random.nextBoolean() ? "" : HOSTILE[random.nextInt(HOSTILE.length)];
                return (new String(b, 0, cut, StandardCharsets.UTF_8) + tail).getBytes(StandardCharsets.UTF_8);
            }
        }
    }
}
