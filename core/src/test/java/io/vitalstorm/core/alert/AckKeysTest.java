package io.vitalstorm.core.alert;

import io.vitalstorm.core.config.SecretFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AckKeysTest {

    private static final String KEY = "vitalstorm.acks.keys.file";
    private static final String SECRET = Base64.getEncoder().encodeToString(new byte[AckKeys.MIN_KEY_BYTES]);

    @TempDir
    Path dir;

    private Path file(String content) throws Exception {
        return SecretFiles.write(dir.resolve("keys"), content);
    }

    @Test
    void readsServiceAndPersonKeysSkippingCommentsAndBlankLines() throws Exception {
        Map<String, AckKeys.Key> keys = AckKeys.read(KEY, file("# rotated 2026-12\n\nweb1 " + SECRET + "\n"
                + "op-osei " + SECRET + " Dr Osei\n"));

        assertThat(keys).containsOnlyKeys("web1", "op-osei");
        assertThat(keys.get("web1").identity()).isNull();
        assertThat(keys.get("op-osei").identity()).isEqualTo("Dr Osei");
        assertThat(keys.get("web1").secret()).hasSize(AckKeys.MIN_KEY_BYTES);
    }

    @Test
    void aKeyNeverAppearsInItsStringForm() throws Exception {
        AckKeys.Key key = AckKeys.single(KEY, file(AckKeys.newKeyLine("web1", null)));
        String line = Files.readString(dir.resolve("keys"));

        assertThat(key.toString()).isEqualTo("Key[web1]").doesNotContain(line.split(" ")[1].strip());
    }

    @Test
    void refusesShortKeysBadBase64DuplicatesAndEmptyFilesNamingTheLine() throws Exception {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> AckKeys.read(KEY, file("web1 " + shortKey)))
                .hasMessageContaining("line 1").hasMessageContaining("16 bytes, at least 32");
        assertThatThrownBy(() -> AckKeys.read(KEY, file("web1 " + SECRET + "\nweb1 " + SECRET)))
                .hasMessageContaining("line 2").hasMessageContaining("appears twice");
        assertThatThrownBy(() -> AckKeys.read(KEY, file("web1 not*base64!")))
                .hasMessage(KEY + " " + dir.resolve("keys") + " line 1: the key is not base64");
        assertThatThrownBy(() -> AckKeys.read(KEY, file("# only a comment")))
                .hasMessageContaining("holds no key");
        assertThatThrownBy(() -> AckKeys.read(KEY, file("lonely")))
                .hasMessageContaining("expected '<keyId> <base64 key> [identity]'");
    }

    @Test
    void aSignerMustHoldExactlyOneKey() throws Exception {
        Path two = file(AckKeys.newKeyLine("a", null) + AckKeys.newKeyLine("b", null));

        assertThatThrownBy(() -> AckKeys.single(KEY, two)).hasMessageContaining("exactly one key");
    }

    @Test
    void refusesAKeyFileOthersMayRead() throws Exception {
        Path keys = file(AckKeys.newKeyLine("web1", null));
        Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> AckKeys.read(KEY, keys)).hasMessageContaining("chmod 600");
    }
}
