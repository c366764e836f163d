package io.vitalstorm.core.state;

import io.vitalstorm.core.model.EnrichedObservation;
import io.vitalstorm.core.model.Observation;
import io.vitalstorm.core.model.PatientProfile;
import io.vitalstorm.core.risk.RiskAssessor;
import io.vitalstorm.core.scenario.ClinicalScenarios;
import io.vitalstorm.core.testsupport.InMemoryStores;
import io.vitalstorm.core.thresholds.Thresholds;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exact bytes of the risk checkpoint (format 5: header, latest vitals, window, trend, runs and
 * reasons, recent verdicts), pinned on the deterministic ward of {@link ClinicalScenarios}, and what
 * this version writes after reading a checkpoint of formats 4, 3 and 2. Through the public assessor
 * and store only, so the pins hold whatever class does the encoding. The format-4 golden files were
 * written by the engine before the state codec moved to {@code io.vitalstorm.core.state} and before
 * format 5; they still pin everything but the verdicts ({@link #asFormat4}: format 5 is format 4 with
 * the verdicts appended).
 */
class RiskCheckpointGoldenTest {

    private static final long T0 = Instant.parse("2026-03-01T08:00:00Z").toEpochMilli();
    private static final List<ClinicalScenarios.Scenario> WARD = ClinicalScenarios.all("W-", T0);
    private static final List<Observation> STREAM = ClinicalScenarios.interleaved(WARD);
    private static final Map<String, PatientProfile> PROFILES = WARD.stream()
            .collect(Collectors.toMap(ClinicalScenarios.Scenario::patientId, ClinicalScenarios::profile));
    /** Where the format-3 fixture was cut (its header) and how many readings follow each restore here. */
    private static final int CUT = 13660;
    private static final int AFTER = 400;

    @Test
    void format5BytesOfTheWardMidStreamArePinnedAndTheirFormat4PartAsBefore() {
        Map<String, byte[]> written = run(Map.of(), 0, CUT);
        assertThat(written).hasSize(WARD.size());
        written.values().forEach(b -> assertThat(b[0]).as("format byte").isEqualTo((byte) 5));
        assertThat(base64(written)).isEqualTo(golden("risk-format5.txt"));
        assertThat(base64(asFormat4(written))).isEqualTo(golden("risk-format4.txt"));
        written.forEach((p, b) -> assertThat(RiskStateCodec.decode(b).verdicts().size()).as(p).isEqualTo(8));
    }

    @Test
    void aFormat4CheckpointIsReadAndWrittenBackInFormat5AsPinned() {
        Map<String, byte[]> format4 = decodeGolden("risk-format4.txt");
        assertThat(format4).hasSize(WARD.size());
        Map<String, byte[]> written = run(format4, CUT, CUT + AFTER);
        assertThat(written).isNotEmpty();
        assertThat(base64(written)).isEqualTo(golden("risk-from-format4.txt"));
        assertThat(base64(asFormat4(written))).as("the same state as the uninterrupted run")
                .isEqualTo(base64(asFormat4(run(run(Map.of(), 0, CUT), CUT, CUT + AFTER))));
    }

    @Test
    void aFormat3CheckpointIsReadAndWrittenBackInFormat5AsPinned() {
        Map<String, byte[]> format3 = format3();
        Map<String, byte[]> written = run(format3, CUT, CUT + AFTER);
        assertThat(written).isNotEmpty();
        assertThat(format3.keySet()).containsAll(written.keySet());
        written.values().forEach(b -> assertThat(b[0]).as("format byte").isEqualTo((byte) 5));
        assertThat(base64(asFormat4(written))).isEqualTo(golden("risk-from-format3.txt"));
    }

    @Test
    void aFormat2CheckpointIsReadAndWrittenBackInFormat5AsPinned() {
        Map<String, byte[]> format2 = new TreeMap<>();
        format3().forEach((p, b) -> format2.put(p, withoutSources(b)));
        Map<String, byte[]> written = run(format2, CUT, CUT + AFTER);
        assertThat(written).isNotEmpty();
        assertThat(base64(asFormat4(written))).isEqualTo(golden("risk-from-format2.txt"));
    }

    @Test
    void aCheckpointOfAnUnknownFormatIsUnreadableAndThePatientStartsAfresh() {
        for (byte format : new byte[] {1, 6, (byte) 255}) {
            Map<String, byte[]> unknown = new HashMap<>();
            format3().forEach((p, b) -> {
                byte[] c = b.clone();
                c[0] = format;
                unknown.put(p, c);
            });
            RiskAssessor r = new RiskAssessor(InMemoryStores.riskStates(unknown, new HashMap<>()), () -> 0L);
            Observation o = STREAM.get(CUT);
            r.assess(new EnrichedObservation(o, PROFILES.get(o.patientId()), true), Thresholds.DEFAULTS);
            assertThat(r.unreadable()).as("format %d", format).isEqualTo(1);
            assertThat(r.restored()).isZero();
        }
    }

    /** Readings [from, to) of the ward on an assessor restoring from {@code saved}; what its checkpoint writes. */
    static Map<String, byte[]> run(Map<String, byte[]> saved, int from, int to) {
        Map<String, byte[]> written = new TreeMap<>();
        RiskAssessor r = new RiskAssessor(InMemoryStores.riskStates(saved, written), () -> 0L);
        for (Observation o : STREAM.subList(from, to)) {
            r.assess(new EnrichedObservation(o, PROFILES.get(o.patientId()), true), Thresholds.DEFAULTS);
        }
        r.checkpoint();
        return written;
    }

    /** The format-3 checkpoints of the ward cut at {@link #CUT} (the engine's own fixture). */
    static Map<String, byte[]> format3() {
        Map<String, byte[]> out = new TreeMap<>();
        String[] lines = resource("/io/vitalstorm/core/risk/checkpoints-format3.txt").lines()
                .filter(l -> !l.startsWith("#")).toArray(String[]::new);
        assertThat(Integer.parseInt(lines[0])).isEqualTo(CUT);
        for (int k = 1; k < lines.length; k++) {
            String[] f = lines[k].split(" ");
            out.put(f[0], Base64.getDecoder().decode(f[1]));
        }
        return out;
    }

    /**
     * The format-2 form of a format-3 checkpoint: the same layout but the latest vitals without a
     * measuring source (int) and last-sent time (long) after each measured value.
     */
    static byte[] withoutSources(byte[] format3) {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(format3))) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            assertThat(in.readUnsignedByte()).isEqualTo(3);
            out.writeByte(2);
            for (int i = 0; i < 4; i++) {
                out.writeLong(in.readLong()); // window settings
            }
            out.writeLong(in.readLong()); // last seen
            for (int p = 0; p < io.vitalstorm.core.news2.Parameter.values().length; p++) {
                long measuredAt = in.readLong();
                out.writeLong(measuredAt);
                if (measuredAt != Long.MIN_VALUE) {
                    out.writeFloat(in.readFloat());
                    in.readInt();
                    in.readLong();
                }
            }
            out.write(in.readAllBytes());
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The format-4 bytes of format-5 checkpoints: the same state without its verdicts, whose empty part (a device
     * count and an entry count, a byte each) is the last two bytes.
     */
    static Map<String, byte[]> asFormat4(Map<String, byte[]> format5) {
        Map<String, byte[]> out = new TreeMap<>();
        format5.forEach((p, b) -> {
            RiskState s = RiskStateCodec.decode(b);
            byte[] bare = RiskStateCodec.encode(new RiskState(s.windowSizeMillis(), s.slideMillis(),
                    s.allowedLatenessMillis(), s.sustainMillis(), s.latest(), s.window(), s.trend(), s.news2Run(),
                    s.slopeRun(), s.news2Band(), s.news2Total(), s.news2Reason(), s.trendReason(), VerdictState.NONE));
            byte[] four = java.util.Arrays.copyOf(bare, bare.length - 2);
            four[0] = 4;
            out.put(p, four);
        });
        return out;
    }

    private static Map<String, byte[]> decodeGolden(String name) {
        Map<String, byte[]> out = new TreeMap<>();
        golden(name).lines().forEach(l -> {
            String[] f = l.split(" ");
            out.put(f[0], Base64.getDecoder().decode(f[1]));
        });
        return out;
    }

    static String base64(Map<String, byte[]> states) {
        StringBuilder s = new StringBuilder();
        new TreeMap<>(states).forEach((p, b) -> s.append(p).append(' ')
                .append(Base64.getEncoder().encodeToString(b)).append('\n'));
        return s.toString();
    }

    private static String golden(String name) {
        return resource("/io/vitalstorm/core/state/" + name).lines().filter(l -> !l.startsWith("#"))
                .map(l -> l + "\n").collect(Collectors.joining());
    }

    private static String resource(String path) {
        try (InputStream in = RiskCheckpointGoldenTest.class.getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
