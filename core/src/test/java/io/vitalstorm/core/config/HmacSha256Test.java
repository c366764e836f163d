package io.vitalstorm.core.config;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class HmacSha256Test {

    @Test
    void matchesRfc4231TestCase2() {
        HmacSha256 mac = new HmacSha256("Jefe".getBytes(StandardCharsets.US_ASCII));
        assertThat(HexFormat.of().formatHex(mac.of("what do ya want for nothing?")))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void textIsHashedAsUtf8AndTheKeyIsKeptForEveryCall() {
        HmacSha256 mac = new HmacSha256(new byte[32]);
        assertThat(mac.of("Zoë")).isEqualTo(mac.of("Zoë".getBytes(StandardCharsets.UTF_8))).hasSize(32);
        assertThat(mac.of("Zoë")).isNotEqualTo(new HmacSha256(new byte[] {1}).of("Zoë"));
    }
}
