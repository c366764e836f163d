package io.vitalstorm.core.parse;

import io.vitalstorm.core.alert.AcknowledgementParser;
import io.vitalstorm.core.model.Observation;
import io.vitalstorm.core.testsupport.Obs;
import io.vitalstorm.core.testsupport.Parsing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Event times beyond the range of epoch milliseconds, through every parser that reads a time: refused, never thrown.
 */
class HostileTimesTest {

    @ParameterizedTest
    @ValueSource(
            strings = {"+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z",
                    "+999999999-12-31T23:59:59.999999999-18:00",
            "+292278994-08-17T07:12:55.808Z", "-292275055-05-16T16:47:04.191Z"})
    void isoInstantsBeyondEpochMillisAreImplausibleNotArithmeticErrors(String iso) {
        assertThat(EventTimes.parseIso(iso)).isPresent();
        assertThat(EventTimes.plausible(EventTimes.parseIso(iso).getAsLong())).isFalse();
    }

    @Test
    void overlongTimeTextIsNotATime() {
        assertThat(EventTimes.parseIso("2026-11-01T08:00:00" + "0".repeat(10_000) + "Z")).isEmpty();
    }

    @Test
    void aNativeRecordWithAYearBeyondRangeIsRefusedWithTheTextInTheReason() {
        Rejection r = Parsing.rejected("{\"patientId\":\"P1\",\"ts\":\"+999999999-12-31T23:59:59Z\",\"heartRate\":72}");
        assertThat(r.code()).isEqualTo(Rejection.Code.OUT_OF_RANGE);
        assertThat(r.message())
                .isEqualTo("ts +999999999-12-31T23:59:59Z is not between 2000 and 2100 (epoch milliseconds expected)");
    }

    @Test
    void anAcknowledgementWithAYearBeyondRangeIsRefused() {
        AcknowledgementParser.Result r =
                AcknowledgementParser.parse(("{\"patientId\":\"P1\",\"alertId\":\"a\",\"by\":\"Dr\","
                + "\"ts\":\"+999999999-12-31T23:59:59Z\"}").getBytes(StandardCharsets.UTF_8), Obs.T0);
        assertThat(r.ack()).isNull();
        assertThat(r.rejection().code()).isEqualTo(Rejection.Code.INVALID_VALUE);
        assertThat(r.rejection().message()).contains("between 2000 and 2100");
    }

    @Test
    void aFhirBundleWithOneEntryBeyondRangeKeepsItsGoodEntries() {
        String good =
                "{\"resourceType\":\"Observation\",\"status\":\"final\",\"subject\":{\"reference\":\"Patient/P1\"},"
                + "\"effectiveDateTime\":\"2026-11-01T08:00:00Z\",\"code\":{\"coding\":[{\"system\":"
                + "\"http://loinc.org\","
                + "\"code\":\"8867-4\"}]},\"valueQuantity\":{\"value\":72,\"unit\":\"/min\",\"system\":"
                + "\"http://unitsofmeasure.org\",\"code\":\"/min\"}}";
        String bad = good.replace("2026-11-01T08:00:00Z", "+999999999-12-31T23:59:59Z");
        ParseResult r =
                Parsing.parse("{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[{\"resource\":" + good
                + "},{\"resource\":" + bad + "},{\"resource\":" + good.replace("P1", "P2") + "}]}");
        assertThat(r.observations()).extracting(Observation::patientId).containsExactly("P1", "P2");
        assertThat(r.rejections()).singleElement().satisfies(rej -> {
            assertThat(rej.code()).isEqualTo(Rejection.Code.INVALID_VALUE);
            assertThat(rej.message()).startsWith("entry 1: ").contains("+999999999-12-31T23:59:59Z");
        });
    }
}
