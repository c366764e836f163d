package io.vitalstorm.core.engine;

import io.vitalstorm.core.risk.AlertCondition;
import io.vitalstorm.core.alert.AlertContexts;
import io.vitalstorm.core.alert.AlertEngine;
import io.vitalstorm.core.alert.AlertEvent;
import io.vitalstorm.core.alert.Episode;
import io.vitalstorm.core.alert.EpisodeStore;
import io.vitalstorm.core.model.EnrichedObservation;
import io.vitalstorm.core.model.Observation;
import io.vitalstorm.core.model.PatientProfile;
import io.vitalstorm.core.risk.Assessment;
import io.vitalstorm.core.risk.RiskAssessor;
import io.vitalstorm.core.risk.RiskStateStore;
import io.vitalstorm.core.scenario.ClinicalScenarios;
import io.vitalstorm.core.thresholds.Thresholds;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays are idempotent: the deterministic ward of {@link ClinicalScenarios} (many alert
 * transitions, out-of-order and late readings, gateway batches, a silent device) delivered once,
 * and delivered with readings re-delivered as Kafka does — single earlier readings, runs of
 * readings, from just behind the stream to far back, and after a worker kill (state restored
 * from the last checkpoint, the readings since then delivered again) — gives the same alert
 * transitions: the same eventIds, every repeat with the content of the original, and every first
 * delivery assessed exactly as in the single delivery (window medians, trend, findings).
 * Plain JUnit over many seeds; a failure names its seed.
 */
class ReplayIdempotenceTest {

    private static final long T0 = Instant.parse("2026-03-01T08:00:00Z").toEpochMilli();
    private static final long MINUTE = 60_000;
    private static final List<ClinicalScenarios.Scenario> WARD = ClinicalScenarios.all("W-", T0);
    private static final List<Observation> STREAM = ClinicalScenarios.interleaved(WARD);
    private static final Map<String, PatientProfile> PROFILES = new HashMap<>();
    /** Written by the engine of the version before format 4 (ward after its first readings, see the file's header). */
    private static final String FORMAT3_FIXTURE = "/io/vitalstorm/core/risk/checkpoints-format3.txt";

    static {
        WARD.forEach(s -> PROFILES.put(s.patientId(), ClinicalScenarios.profile(s)));
    }

    /** Redis for the risk checkpoints and the episodes: outlives the engines of one run. */
    private static final class Durable {
        final Map<String, byte[]> states = new HashMap<>();
        final Map<String, Map<AlertCondition, Episode>> episodes = new HashMap<>();
        final RiskStateStore riskStore = new RiskStateStore() {
            @Override
            public Optional<byte[]> load(String patientId) {
                return Optional.ofNullable(states.get(patientId));
            }

            @Override
            public void saveAll(Map<String, byte[]> s) {
                states.putAll(s);
            }
        };
        final EpisodeStore episodeStore = new EpisodeStore() {
            @Override
            public List<Episode> load(String patientId) {
                return List.copyOf(episodes.getOrDefault(patientId, Map.of()).values());
            }

            @Override
            public void save(String patientId, Episode episode, boolean anyOpen) {
                episodes.computeIfAbsent(patientId, k -> new TreeMap<>()).put(episode.condition(), episode);
            }
        };
    }

    /** One worker's engine on the durable stores, through the facade the bolts, replay and bench use. */
    private static final class Worker {
        final RiskAssessor risk;
        final ClinicalEngine engine;

        Worker(Durable durable) {
            risk = new RiskAssessor(durable.riskStore, () -> 0L);
            engine = new ClinicalEngine(risk, new AlertEngine(durable.episodeStore), (p, w) -> Thresholds.DEFAULTS,
                    (p, ts) -> AlertContexts.withoutVitals(PROFILES.get(p), true, ts));
        }

        ClinicalEngine.Outcome deliver(Observation o) {
            return engine.onReading(new EnrichedObservation(o, PROFILES.get(o.patientId()), true), Thresholds.DEFAULTS);
        }
    }

    /** What a run sent: transitions by eventId (each delivery's content), and the assessment of each first delivery. */
    private static final class Sent {
        final Map<String, List<String>> byEvent = new LinkedHashMap<>();
        final Assessment[] firstDelivery = new Assessment[STREAM.size()];

        void add(List<AlertEvent> events, boolean withNoData) {
            for (AlertEvent e : events) {
                if (withNoData || e.condition() != AlertCondition.NO_DATA) {
                    byEvent.computeIfAbsent(e.eventId(), k -> new ArrayList<>()).add(content(e));
                }
            }
        }
    }

    /** Everything of a transition but the reading that happened to carry it (a replay carries itself). */
    private static String content(AlertEvent e) {
        return String.join(" ", e.patientId(), e.alertId(), e.condition().name(), e.state().name(), e.band().name(),
                Integer.toString(e.news2()), Long.toString(e.ts()), String.valueOf(e.actor()), e.reason());
    }

    private static Sent once(boolean withNoData) {
        Worker w = new Worker(new Durable());
        Sent sent = new Sent();
        for (int i = 0; i < STREAM.size(); i++) {
            ClinicalEngine.Outcome out = w.deliver(STREAM.get(i));
            sent.firstDelivery[i] = out.assessment();
            sent.add(out.events(), withNoData);
        }
        sent.add(w.engine.runClockTo(w.engine.clock() + 20 * MINUTE), withNoData);
        return sent;
    }

    private static final Sent ONCE = once(true);
    private static final Sent ONCE_WITHOUT_NO_DATA = once(false);

    /** Counts over all runs, to show both kinds of replay were exercised. */
    private long duplicates;
    private long lateReplays;
    private long restores;

    /**
     * The stream with replays: before each reading, now and then, an earlier reading or a run of
     * them again (mostly recent ones, sometimes far back); with {@code kills}, a worker is killed
     * now and then and a new one restored from the last checkpoint, and the readings since the
     * checkpoint (which Kafka had not committed) are delivered again. A checkpoint is written
     * every 1 to 400 readings, as the risk bolt does per batch.
     */
    private Sent withReplays(long seed, boolean kills) {
        Random rnd = new Random(seed);
        Durable durable = new Durable();
        Worker w = new Worker(durable);
        Sent sent = new Sent();
        boolean withNoData = !kills;
        int committed = 0;
        int nextCheckpoint = 1 + rnd.nextInt(400);
        for (int i = 0; i < STREAM.size(); i++) {
            if (i > 0 && rnd.nextInt(50) == 0) {
                int back = rnd.nextInt(10) == 0 ? 1 + rnd.nextInt(i) : 1 + rnd.nextInt(Math.min(i, 300));
                int length = rnd.nextBoolean() ? 1 : 1 + rnd.nextInt(Math.min(back, 60));
                for (int j = i - back; j < i - back + length; j++) {
                    replay(w, j, sent, withNoData);
                }
            }
            if (kills && i > committed && rnd.nextInt(3_000) == 0) {
                restores++;
                w = new Worker(durable); // the killed worker's memory is gone; Kafka delivers from the committed offset
                for (int j = committed; j < i; j++) {
                    replay(w, j, sent, withNoData);
                }
            }
            ClinicalEngine.Outcome out = w.deliver(STREAM.get(i));
            assertThat(out.assessment()).as("seed %d: first delivery of reading %d", seed, i)
                    .isEqualTo(ONCE.firstDelivery[i]);
            sent.add(out.events(), withNoData);
            if (i + 1 >= nextCheckpoint) {
                w.risk.checkpoint();
                committed = i + 1;
                nextCheckpoint = i + 1 + 1 + rnd.nextInt(400);
            }
        }
        sent.add(w.engine.runClockTo(w.engine.clock() + 20 * MINUTE), withNoData);
        return sent;
    }

    private void replay(Worker w, int j, Sent sent, boolean withNoData) {
        ClinicalEngine.Outcome out = w.deliver(STREAM.get(j));
        duplicates += out.assessment().duplicate() ? 1 : 0;
        lateReplays += out.assessment().late() ? 1 : 0;
        sent.add(out.events(), withNoData);
    }

    private static void assertSameTransitions(long seed, Sent expected, Sent actual) {
        Map<String, String> want = new LinkedHashMap<>();
        expected.byEvent.forEach((id, contents) -> want.put(id, contents.get(0)));
        TreeSet<String> lost = new TreeSet<>();
        want.forEach((id, c) -> {
            if (!actual.byEvent.containsKey(id)) {
                lost.add(c);
            }
        });
        TreeSet<String> spurious = new TreeSet<>();
        TreeSet<String> otherContent = new TreeSet<>();
        actual.byEvent.forEach((id, contents) -> {
            String w = want.get(id);
            if (w == null) {
                spurious.add(contents.get(0));
                return;
            }
            contents.stream().filter(c -> !c.equals(w)).forEach(c -> otherContent.add(c + " instead of " + w));
        });
        assertThat(lost).as("seed %d: transitions lost", seed).isEmpty();
        assertThat(spurious).as("seed %d: transitions not in the single delivery", seed).isEmpty();
        assertThat(otherContent).as("seed %d: repeats with other content under the same eventId", seed).isEmpty();
    }

    @Test
    void theWardDeliveredOnceHasManyTransitions() {
        assertThat(ONCE.byEvent).hasSizeGreaterThan(25);
        assertThat(ONCE.byEvent.values()).as("no repeat in a single delivery").allMatch(c -> c.size() == 1);
    }

    @Test
    void anyReplaysOfEarlierReadingsGiveTheTransitionsOfTheSingleDelivery() {
        for (long seed = 1; seed <= 30; seed++) {
            assertSameTransitions(seed, ONCE, withReplays(seed, false));
        }
        assertThat(duplicates).as("replays recognised in open buckets").isGreaterThan(1_000);
        assertThat(lateReplays).as("replays of readings whose bucket had closed").isGreaterThan(1_000);
    }

    /**
     * NO_DATA is left out here: its clock is the arrival of readings, which a killed worker's
     * memory held (in the topology it is the wall clock, see FaultOracleTest).
     */
    @Test
    void replaysAfterAWorkerKillAndRestoreGiveTheTransitionsOfTheSingleDelivery() {
        for (long seed = 1; seed <= 20; seed++) {
            assertSameTransitions(seed, ONCE_WITHOUT_NO_DATA, withReplays(seed, true));
        }
        assertThat(restores).as("workers killed and restored").isGreaterThan(40);
        assertThat(duplicates).isGreaterThan(500);
    }

    /**
     * A checkpoint written in format 3 (before identities of readings were kept, by the engine of
     * that version: fixture) is read by this version: restored in the middle of the ward, the rest
     * of the stream gives the transitions of the single delivery.
     */
    @Test
    void aFormat3CheckpointIsReadAndTheWardContinuesAsIfUninterrupted() throws IOException {
        String fixture;
        try (InputStream in = ReplayIdempotenceTest.class.getResourceAsStream(FORMAT3_FIXTURE)) {
            fixture = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        String[] lines = fixture.lines().filter(l -> !l.startsWith("#")).toArray(String[]::new);
        int cut = Integer.parseInt(lines[0]);
        Durable durable = new Durable();
        Worker before = new Worker(durable);
        Sent sent = new Sent();
        for (int i = 0; i < cut; i++) {
            sent.add(before.deliver(STREAM.get(i)).events(), false);
        }
        durable.states.clear();
        for (int k = 1; k < lines.length; k++) {
            String[] f = lines[k].split(" ");
            assertThat(Base64.getDecoder().decode(f[1])[0]).as("format byte").isEqualTo((byte) 3);
            durable.states.put(f[0], Base64.getDecoder().decode(f[1]));
        }
        Worker after = new Worker(durable);
        for (int i = cut; i < STREAM.size(); i++) {
            ClinicalEngine.Outcome out = after.deliver(STREAM.get(i));
            assertThat(out.assessment()).as("reading %d after the format-3 restore", i)
                    .isEqualTo(ONCE.firstDelivery[i]);
            sent.add(out.events(), false);
        }
        sent.add(after.engine.runClockTo(after.engine.clock() + 20 * MINUTE), false);
        Set<String> streamingOn = STREAM.subList(cut, STREAM.size()).stream().map(Observation::patientId)
                .collect(Collectors.toSet());
        assertThat(after.risk.restored()).as("every patient still streaming resumed from format 3")
                .isEqualTo(streamingOn.size());
        assertThat(after.risk.unreadable()).isZero();
        assertSameTransitions(0, ONCE_WITHOUT_NO_DATA, sent);
        after.risk.checkpoint();
        streamingOn.forEach(p -> assertThat(durable.states.get(p)[0]).as("%s written back in format 5", p)
                .isEqualTo((byte) 5));
    }
}
