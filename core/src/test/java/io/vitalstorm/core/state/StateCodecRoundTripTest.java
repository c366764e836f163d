package io.vitalstorm.core.state;

import io.vitalstorm.core.news2.RiskBand;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each codec of the state package reads what it writes, byte for byte, and tells its versions apart. */
class StateCodecRoundTripTest {

    @Test
    void everyFormat5CheckpointOfTheWardDecodesAndEncodesToTheSameBytes() {
        Map<String, byte[]> written = RiskCheckpointGoldenTest.run(Map.of(), 0, 13660);
        assertThat(written).isNotEmpty();
        written.forEach((p, bytes) -> assertThat(Base64.getEncoder().encodeToString(
                RiskStateCodec.encode(RiskStateCodec.decode(bytes)))).as(p)
                .isEqualTo(Base64.getEncoder().encodeToString(bytes)));
    }

    @Test
    void olderFormatsDecodeToTheSameStateButWhatTheyLacked() {
        RiskCheckpointGoldenTest.format3().forEach((p, format3) -> {
            RiskState three = RiskStateCodec.decode(format3);
            RiskState two = RiskStateCodec.decode(RiskCheckpointGoldenTest.withoutSources(format3));
            assertThat(three.window().open()).as(p).allSatisfy(b -> {
                assertThat(b.devices()).isEmpty();
                assertThat(b.ids()).isEmpty();
            });
            assertThat(two.latest().measuredAt()).as(p).isEqualTo(three.latest().measuredAt());
            assertThat(two.latest().value()).isEqualTo(three.latest().value());
            assertThat(two.latest().source()).containsOnly(0);
            for (int i = 0; i < two.latest().measuredAt().length; i++) {
                long measured = two.latest().measuredAt()[i];
                assertThat(two.latest().sentAt()[i]).isEqualTo(measured == VitalsState.NEVER ? 0 : measured);
            }
            assertThat(RiskStateCodec.encode(three)[0]).isEqualTo((byte) RiskStateCodec.FORMAT);
            assertThat(RiskStateCodec.decode(RiskStateCodec.encode(three)).news2Reason())
                    .isEqualTo(three.news2Reason());
        });
    }

    @Test
    void aDamagedCheckpointIsAnIllegalArgument() {
        byte[] bytes = RiskCheckpointGoldenTest.run(Map.of(), 0, 2000).values().iterator().next();
        assertThatThrownBy(() -> RiskStateCodec.decode(java.util.Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("unreadable risk state: ");
        assertThatThrownBy(() -> RiskStateCodec.decode(new byte[] {9}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown risk state format 9");
    }

    @Test
    void anEpisodeRoundTripsAndALaterVersionIsToldFromDamage() {
        StoredEpisode e = new StoredEpisode("NEWS2", "a-1", "ESCALATED", 2, RiskBand.HIGH, RiskBand.MEDIUM, 6, 1, 2,
                3, 4, "dr", "rose");
        assertThat(EpisodeCodec.decode(EpisodeCodec.encode(e))).isEqualTo(e);
        assertThat(EpisodeCodec.version(EpisodeCodec.encode(e))).isEqualTo(EpisodeCodec.VERSION);
        assertThatThrownBy(() -> EpisodeCodec.decode("v2|NEWS2|a-1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("alert episode of version 2, this worker reads 1: v2|NEWS2|a-1");
    }

    @Test
    void anOpenAlertEntryCarriesTheEpisodesFields() {
        StoredEpisode e = new StoredEpisode("NO_DATA", "a-2", "OPEN", 0, RiskBand.LOW, RiskBand.LOW, 0, 10, 20,
                -1, 20, null, "silent");
        assertThat(OpenAlertCodec.entry("P", e).toString()).isEqualTo("{\"alertId\":\"a-2\",\"patientId\":\"P\","
                + "\"condition\":\"NO_DATA\",\"state\":\"OPEN\",\"band\":\"LOW\",\"worst\":\"LOW\",\"news2\":0,"
                + "\"openedAt\":10,\"ts\":20,\"acknowledgedBy\":null,\"reason\":\"silent\"}");
    }
}
