package io.vitalstorm.web;

import io.vitalstorm.core.config.SecretFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pseudonyms keyed by a file: stable across instances (restarts, servers) with one key, different with another. */
class PseudonymsTest {

    private static final String KEY = "p3Xq0w9Jm2Vh7sLk4Dn8Rb1Tf6Yc5Ze0Ua3Gi9Oe2Wx=";

    @TempDir
    Path dir;

    @Test
    void theSameKeyFileGivesTheSamePseudonymsInTwoInstancesAndAnotherKeyOtherOnes() throws IOException {
        Path key = SecretFiles.write(dir.resolve("pseudonym.key"), KEY + "\n");
        Path copy = SecretFiles.write(dir.resolve("copy-on-another-server.key"), KEY);
        Path other = SecretFiles.write(dir.resolve("other.key"), "x" + KEY.substring(1));
        Pseudonyms first = Pseudonyms.fromKeyFile(key);
        Pseudonyms restarted = Pseudonyms.fromKeyFile(copy);
        assertThat(first.of("P-100")).startsWith("pseudo-").hasSize("pseudo-".length() + 16)
                .doesNotContain("P-100").isEqualTo(restarted.of("P-100"));
        assertThat(first.of("P-101")).isNotEqualTo(first.of("P-100"));
        assertThat(Pseudonyms.fromKeyFile(other).of("P-100")).isNotEqualTo(first.of("P-100"));
        // without a key file each start draws its own key
        WebSettings none = WebSettings.fromMap(java.util.Map.of());
        assertThat(Pseudonyms.of(none).of("P-100")).isNotEqualTo(Pseudonyms.of(none).of("P-100"));
        WebSettings configured = WebSettings.fromMap(java.util.Map.of(WebSettings.PSEUDONYM_KEY_FILE.key(),
                key.toString()));
        assertThat(Pseudonyms.of(configured).of("P-100")).isEqualTo(first.of("P-100"));
    }

    @Test
    void aPseudonymIsTheFirstEightBytesOfTheHmacOfTheIdUnderTheKey() throws IOException {
        // printf 'id:P-100' | openssl dgst -sha256 -hmac "$KEY": 4a039b95c97ce9c1924142bd2903...
        Pseudonyms p = Pseudonyms.fromKeyFile(SecretFiles.write(dir.resolve("golden.key"), KEY));
        assertThat(p.of("P-100")).isEqualTo("pseudo-4a039b95c97ce9c1");
    }

    @Test
    void eachPatientsTimeShiftIsWholeDaysWithinAYearNeverNoneAndTheSameUnderTheSameKey() throws IOException {
        Pseudonyms one = Pseudonyms.fromKeyFile(SecretFiles.write(dir.resolve("a.key"), KEY));
        Pseudonyms same = Pseudonyms.fromKeyFile(SecretFiles.write(dir.resolve("b.key"), KEY));
        Pseudonyms other = Pseudonyms.fromKeyFile(SecretFiles.write(dir.resolve("c.key"), "y" + KEY.substring(1)));
        java.util.Set<Long> days = new java.util.HashSet<>();
        int differentUnderOtherKey = 0;
        for (int i = 0; i < 500; i++) {
            String patient = "P-" + i;
            java.time.Duration shift = one.shift(patient);
            assertThat(shift).isEqualTo(same.shift(patient));
            assertThat(shift.toDays()).isBetween(-365L, 365L).isNotZero();
            assertThat(shift).isEqualTo(java.time.Duration.ofDays(shift.toDays()));
            days.add(shift.toDays());
            differentUnderOtherKey += other.shift(patient).equals(shift) ? 0 : 1;
        }
        assertThat(days).as("spread over the year both ways").hasSizeGreaterThan(200)
                .anyMatch(d -> d < -300).anyMatch(d -> d > 300);
        assertThat(differentUnderOtherKey).isGreaterThan(490);
    }

    @Test
    void aMissingOpenShortOrEmptyKeyFileIsRefusedNamingTheSettingAndTheFile() throws IOException {
        Path missing = dir.resolve("missing.key");
        assertThatThrownBy(() -> Pseudonyms.fromKeyFile(missing)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("vitalstorm.web.pseudonym.key.file").hasMessageContaining(missing.toString());
        Path open = dir.resolve("open.key");
        Files.writeString(open, KEY);
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> Pseudonyms.fromKeyFile(open))
                .hasMessageContaining("vitalstorm.web.pseudonym.key.file").hasMessageContaining("chmod 600");
        Path shortKey = SecretFiles.write(dir.resolve("short.key"), "too-short");
        assertThatThrownBy(() -> Pseudonyms.fromKeyFile(shortKey))
                .hasMessageContaining("9 characters, fewer than 32").hasMessageContaining("openssl rand");
        Path empty = SecretFiles.write(dir.resolve("empty.key"), "\n");
        assertThatThrownBy(() -> Pseudonyms.fromKeyFile(empty)).hasMessageContaining("is empty");
        assertThatThrownBy(() -> Pseudonyms.fromKeyFile(open)).message().doesNotContain(KEY);
    }
}
