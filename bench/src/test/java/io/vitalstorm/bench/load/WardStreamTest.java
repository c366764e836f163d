package io.vitalstorm.bench.load;

import io.vitalstorm.core.parse.ObservationParser;
import io.vitalstorm.core.parse.ParseResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WardStreamTest {

    private final ObservationParser parser = new ObservationParser();

    @Test
    void hourOfAWardHasTheIntendedMix() {
        int patients = 100;
        int seconds = 3_600;
        List<ParseResult> results = new ArrayList<>();
        for (int s = 0; s < seconds; s++) {
            for (int p = 0; p < patients; p++) {
                WardStream.records(p, s, 1_795_000_000_000L + s * 1000L, r -> results.add(parser.parse(r)));
            }
        }
        long junk = results.stream().filter(r -> !r.rejections().isEmpty()).count();
        long stableWithBp = results.stream().flatMap(r -> r.observations().stream())
                .filter(o -> o.systolicBp() != null && o.systolicBp() > 100).count();
        long fullSets = results.stream().flatMap(r -> r.observations().stream())
                .filter(o -> o.temperature() != null).count();
        double readings = (double) patients * seconds;
        assertThat(junk / readings).isBetween(0.015, 0.025);
        // outside deteriorations, a cuff every 15 min and a nurse every 4 h: 4 to 5 per patient-hour
        assertThat(stableWithBp).isBetween(patients * 3L, patients * 5L);
        assertThat(fullSets).isLessThanOrEqualTo(patients);
        long illSpotChecks = results.stream().flatMap(r -> r.observations().stream())
                .filter(o -> o.systolicBp() != null && o.systolicBp() < 90).count();
        // 20 % of patients, ill 24 min an hour, a cuff every 30 s
        assertThat(illSpotChecks).isBetween(patients / 5 * 40L, patients / 5 * 56L);
        assertThat(results.size()).isGreaterThan((int) readings);
    }

    @Test
    void sameCallSameBytes() {
        List<byte[]> a = new ArrayList<>();
        List<byte[]> b = new ArrayList<>();
        WardStream.records(17, 42, 1_000L, a::add);
        WardStream.records(17, 42, 1_000L, b::add);
        assertThat(a).hasSameSizeAs(b);
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.get(i)).isEqualTo(b.get(i));
        }
    }

    @Test
    void unstablePatientsAreIllOneMinuteInTwoAndAHalf() {
        long ill = 0;
        for (int s = 0; s < WardStream.EPISODE_CYCLE_S; s++) {
            ill += WardStream.deteriorating(7, s) ? 1 : 0;
            assertThat(WardStream.deteriorating(3, s)).isFalse();
        }
        assertThat(ill).isEqualTo(WardStream.EPISODE_ABNORMAL_S);
    }
}
