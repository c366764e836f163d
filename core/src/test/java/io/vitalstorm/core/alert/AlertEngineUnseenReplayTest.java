package io.vitalstorm.core.alert;

import io.vitalstorm.core.news2.RiskBand;
import io.vitalstorm.core.testsupport.AlertScenario;
import io.vitalstorm.core.testsupport.InMemoryStores;
import io.vitalstorm.core.thresholds.Thresholds;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alert task died with an assessment on its way to it while the risk engine kept the reading
 * (docs/reliability.md, "An assessment lost between score and alert"): the replay reaches a
 * restarted engine flagged duplicate (or late). Beyond what the engine holds for the patient it is
 * assessed as the reading that never arrived, with the ids an undisturbed engine gives; a replay
 * the engine did see only repeats what it caused.
 */
class AlertEngineUnseenReplayTest {

    private static final String P = "P-UNSEEN";
    private static final boolean DUPLICATE = true;
    private static final boolean LATE = false;

    /** Stands in for Redis: episodes that outlive the engines. */
    private final EpisodeStore store = InMemoryStores.episodes();

    private AlertScenario engine() {
        return new AlertScenario(Thresholds.DEFAULTS, store);
    }

    /** An engine that got every reading, on its own store: the ids nothing went wrong for. */
    private static AlertScenario undisturbed() {
        return new AlertScenario(Thresholds.DEFAULTS, InMemoryStores.episodes());
    }

    @Test
    void aRestoredEngineOpensTheAlertOfADuplicateItNeverSaw() {
        engine().at(0, P, RiskBand.LOW);
        AlertScenario control = undisturbed();
        control.at(0, P, RiskBand.LOW);
        AlertEvent expected = control.expectEvent(5, P, RiskBand.MEDIUM);

        AlertScenario after = engine();
        List<AlertEvent> events = after.replay(5, P, RiskBand.MEDIUM, DUPLICATE, RiskBand.MEDIUM);
        assertThat(events).extracting(AlertEvent::eventId, AlertEvent::state, AlertEvent::ts)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(expected.eventId(), AlertState.OPEN,
                        expected.ts()));
        assertThat(after.engine().openAlerts()).isEqualTo(1);
        assertThat(after.replay(5, P, RiskBand.MEDIUM, DUPLICATE, RiskBand.MEDIUM))
                .as("delivered once more: now seen, the same event again").extracting(AlertEvent::eventId)
                .containsExactly(expected.eventId());
    }

    @Test
    void aRestoredEngineResolvesOnADuplicateBeyondItsStoredEpisodes() {
        AlertScenario before = engine();
        AlertEvent opened = before.expectEvent(0, P, RiskBand.HIGH);
        before.at(5, P, RiskBand.LOW); // below since minute 5, stored
        AlertScenario control = undisturbed();
        control.at(0, P, RiskBand.HIGH);
        control.at(5, P, RiskBand.LOW);
        AlertEvent expected = control.expectEvent(20, P, RiskBand.LOW);

        AlertScenario after = engine();
        assertThat(after.replay(5, P, RiskBand.LOW, DUPLICATE, RiskBand.LOW)).as("seen: caused no transition")
                .isEmpty();
        List<AlertEvent> events = after.replay(20, P, RiskBand.LOW, DUPLICATE, RiskBand.LOW);
        assertThat(events).extracting(AlertEvent::eventId).containsExactly(expected.eventId());
        assertThat(events.get(0).state()).isEqualTo(AlertState.RESOLVED);
        assertThat(events.get(0).alertId()).isEqualTo(opened.alertId());
        assertThat(after.engine().openAlerts()).isZero();
    }

    @Test
    void aSeenDuplicateRepeatsTheSameEventAndMakesNothingNew() {
        AlertScenario before = engine();
        assertThat(before.at(0, P, RiskBand.MEDIUM)).map(AlertEvent::state).contains(AlertState.OPEN);
        AlertEvent escalated = before.expectEvent(3, P, RiskBand.HIGH);
        // a restart; the risk engine's current verdict has moved on (LOW): a seen reading still acts on nothing
        AlertScenario after = engine();
        assertThat(after.replay(0, P, RiskBand.MEDIUM, DUPLICATE, RiskBand.LOW))
                .as("the opening is no longer the episode's last transition: nothing, and no new alert").isEmpty();
        assertThat(after.replay(3, P, RiskBand.HIGH, DUPLICATE, RiskBand.LOW)).extracting(AlertEvent::eventId)
                .containsExactly(escalated.eventId());
        assertThat(after.engine().openAlerts()).isEqualTo(1);
        assertThat(before.replay(0, P, RiskBand.MEDIUM, DUPLICATE, RiskBand.LOW)).as("not restarted: as before")
                .extracting(AlertEvent::state).containsExactly(AlertState.OPEN);
    }

    @Test
    void aLateReplayBeyondWhatTheEngineHoldsOpensItsAlertAndASeenOneOnlyRepeats() {
        AlertScenario before = engine();
        AlertEvent opened = before.expectEvent(0, P, RiskBand.HIGH);
        AlertScenario control = undisturbed();
        control.at(0, P, RiskBand.HIGH);
        control.at(5, P, RiskBand.LOW);
        AlertEvent expected = control.expectEvent(20, P, RiskBand.LOW);

        AlertScenario after = engine();
        assertThat(after.replay(0, P, RiskBand.HIGH, LATE, RiskBand.LOW)).extracting(AlertEvent::eventId)
                .as("seen: the opening again, no resolution").containsExactly(opened.eventId());
        assertThat(after.replay(5, P, RiskBand.LOW, LATE, RiskBand.LOW)).as("unseen: below since minute 5")
                .isEmpty();
        assertThat(after.replay(20, P, RiskBand.LOW, LATE, RiskBand.LOW)).extracting(AlertEvent::eventId)
                .containsExactly(expected.eventId());
        assertThat(after.engine().openAlerts()).isZero();
    }

    @Test
    void anUnseenDuplicateEndsTheSilenceAsANewReadingDoes() {
        AlertScenario engine = engine();
        engine.at(0, P, RiskBand.LOW);
        AlertEvent silence = engine.clock(11).get(0);
        assertThat(silence.state()).isEqualTo(AlertState.OPEN);

        List<AlertEvent> events = engine.replay(12, P, RiskBand.LOW, DUPLICATE, RiskBand.LOW);
        assertThat(events).extracting(AlertEvent::alertId, AlertEvent::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(silence.alertId(), AlertState.RESOLVED));
        assertThat(engine.clock(15)).as("heard at minute 12").isEmpty();
    }

    @Test
    void anUnseenDuplicateIsHeldBackByTheCooldownAsANewReadingIs() {
        AlertScenario before = engine();
        before.expectEvent(0, P, RiskBand.HIGH);
        before.at(5, P, RiskBand.LOW);
        before.expectEvent(20, P, RiskBand.LOW); // resolved at minute 20

        AlertScenario after = engine();
        assertThat(after.replay(25, P, RiskBand.MEDIUM, DUPLICATE, RiskBand.MEDIUM)).as("5 min after, not worse")
                .isEmpty();
        assertThat(after.engine().suppressedByCooldown()).isEqualTo(1);
    }
}
