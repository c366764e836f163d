package io.vitalstorm.maintenance;

import com.fasterxml.jackson.databind.JsonNode;
import io.vitalstorm.core.config.ArchiveSecurity;
import io.vitalstorm.core.config.SecretFiles;
import io.vitalstorm.core.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArchiveProtectionTest {

    @TempDir
    Path dir;

    private ArchiveProtection protection(boolean encrypt, boolean sign) throws Exception {
        Path enc = dir.resolve("archive-encryption.json");
        Path mac = dir.resolve("archive-checksum.json");
        if (!Files.exists(enc)) {
            SecretFiles.write(enc, ArchiveProtection.newKeyset(ArchiveProtection.Purpose.ENCRYPTION));
            SecretFiles.write(mac, ArchiveProtection.newKeyset(ArchiveProtection.Purpose.CHECKSUM));
        }
        return ArchiveProtection.from(new ArchiveSecurity(encrypt ? enc.toString() : "", sign ? mac.toString() : ""));
    }

    /** Writes a day of three readings; returns the published file and its checksums. */
    private record Written(Path file, String sha256, String hmac) {
    }

    private Written write(ArchiveProtection p, String name) throws Exception {
        Path target = dir.resolve("2026/01").resolve(p.fileName(name));
        try (DayArchiveFile file = new DayArchiveFile(target, p)) {
            for (int i = 0; i < 3; i++) {
                file.writeLine(Json.MAPPER.createObjectNode().put("patient_id", "P" + i).put("heart_rate", 60 + i));
            }
            ArchiveProtection.Checksums sums = file.finish();
            return new Written(file.publish(), sums.sha256Hex(), sums.hmacHex());
        }
    }

    private static String plain(ArchiveProtection p, Path file, String encryption) throws IOException {
        try (InputStream in = new GZIPInputStream(p.decrypting(Files.newInputStream(file),
                file.getFileName().toString(), encryption))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void anEncryptedKeyedFileIsOwnerOnlyUnreadableWithoutTheKeyAndReadsBackExactly() throws Exception {
        ArchiveProtection p = protection(true, true);
        Written w = write(p, "observations-2026-01-05.jsonl.gz");

        assertThat(w.file().getFileName().toString()).isEqualTo("observations-2026-01-05.jsonl.gz.enc");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(w.file()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(w.file().getParent())))
                .isEqualTo("rwx------");
        assertThatThrownBy(() -> new GZIPInputStream(Files.newInputStream(w.file()))).isInstanceOf(IOException.class);
        assertThat(p.encryption()).isEqualTo(ArchiveProtection.ENCRYPTED);
        JsonNode first = Json.MAPPER.readTree(plain(p, w.file(), p.encryption()).lines().findFirst().orElseThrow());
        assertThat(first.get("patient_id").asText()).isEqualTo("P0");
        assertThat(plain(p, w.file(), p.encryption()).lines()).hasSize(3);
        assertThat(p.verifyChecksum(w.file(), w.hmac())).isTrue();
        assertThatThrownBy(() -> plain(ArchiveProtection.none(), w.file(), ArchiveProtection.ENCRYPTED))
                .hasMessageContaining("set vitalstorm.archive.encryption.keyset.file");
    }

    @Test
    void aChangedByteFailsTheKeyedChecksumAndTheDecryption() throws Exception {
        ArchiveProtection p = protection(true, true);
        Written w = write(p, "observations-2026-01-06.jsonl.gz");
        byte[] bytes = Files.readAllBytes(w.file());
        bytes[bytes.length / 2] ^= 1;
        Files.write(w.file(), bytes);

        assertThat(p.verifyChecksum(w.file(), w.hmac())).isFalse();
        assertThatThrownBy(() -> plain(p, w.file(), p.encryption())).isInstanceOf(IOException.class);
    }

    @Test
    void aFileRenamedToAnotherDayDoesNotDecrypt() throws Exception {
        ArchiveProtection p = protection(true, false);
        Written w = write(p, "observations-2026-01-07.jsonl.gz");
        Path renamed = Files.move(w.file(), w.file().resolveSibling("observations-2026-01-08.jsonl.gz.enc"));

        assertThatThrownBy(() -> plain(p, renamed, p.encryption())).isInstanceOf(IOException.class);
    }

    @Test
    void afterARotationOlderFilesStillVerifyAndDecryptAndNewOnesUseTheNewKey() throws Exception {
        ArchiveProtection before = protection(true, true);
        Written old = write(before, "observations-2026-01-09.jsonl.gz");
        for (ArchiveProtection.Purpose purpose : ArchiveProtection.Purpose.values()) {
            Path file = dir.resolve(purpose == ArchiveProtection.Purpose.ENCRYPTION
                    ? "archive-encryption.json" : "archive-checksum.json");
            SecretFiles.write(file, ArchiveProtection.rotate(SecretFiles.read("k", file), purpose));
        }
        ArchiveProtection after = protection(true, true);
        Written fresh = write(after, "observations-2026-01-10.jsonl.gz");

        assertThat(after.verifyChecksum(old.file(), old.hmac())).isTrue();
        assertThat(plain(after, old.file(), after.encryption()).lines()).hasSize(3);
        assertThat(fresh.hmac().substring(0, 10)).as("Tink's tag prefix names the primary key")
                .isNotEqualTo(old.hmac().substring(0, 10));
        assertThat(before.verifyChecksum(fresh.file(), fresh.hmac())).as("the old keyset lacks the new key").isFalse();
    }

    @Test
    void withoutKeysetsAFileIsStillOwnerOnlyAndItsSha256IsStableAcrossReruns() throws Exception {
        Written a = write(ArchiveProtection.none(), "observations-2026-01-11.jsonl.gz");
        Written b = write(ArchiveProtection.none(), "observations-2026-01-11.jsonl.gz");

        assertThat(a.hmac()).isNull();
        assertThat(b.sha256()).isEqualTo(a.sha256());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(b.file()))).isEqualTo("rw-------");
        assertThat(plain(ArchiveProtection.none(), b.file(), ArchiveProtection.PLAIN).lines()).hasSize(3);
    }

    @Test
    void aKeysetOthersMayReadOrThatIsNotAKeysetIsRefusedWithoutShowingIt() throws Exception {
        Path loose = SecretFiles.write(dir.resolve("loose.json"),
                ArchiveProtection.newKeyset(ArchiveProtection.Purpose.CHECKSUM));
        Files.setPosixFilePermissions(loose, PosixFilePermissions.fromString("rw-r--r--"));
        Path junk = SecretFiles.write(dir.resolve("junk.json"), "{\"secret\":\"hunter2\"}");

        assertThatThrownBy(() -> ArchiveProtection.from(new ArchiveSecurity("", loose.toString())))
                .hasMessageContaining("chmod 600");
        assertThatThrownBy(() -> ArchiveProtection.from(new ArchiveSecurity(junk.toString(), "")))
                .hasMessageContaining("is not a Tink JSON keyset").hasMessageNotContaining("hunter2");
    }
}
