package io.vitalstorm.core.config;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the archive job protects the history days it writes (docs/security.md#archives): files are
 * always mode 0600; with an encryption keyset they are encrypted (streaming AEAD, bound to their
 * day); with a checksum keyset a keyed checksum (HMAC) of the stored bytes goes into the catalog
 * entry, so a file changed by anyone without the key is detected. Both are Tink JSON keysets in
 * 0600 files ({@code ./vitalstorm archive keygen}); a keyset holds old keys too, which is how
 * keys are rotated without making older archives unreadable.
 */
public record ArchiveSecurity(String encryptionKeysetFile, String checksumKeysetFile) implements Serializable {

    public static final Setting.Text ENCRYPTION_KEYSET_FILE = new Setting.Text(
            "vitalstorm.archive.encryption.keyset.file", "",
            "Tink keyset (JSON, mode 0600) the archive files are encrypted with (AES-256-GCM-HKDF streaming); "
            + "empty: not encrypted (local demo)");
    public static final Setting.Text CHECKSUM_KEYSET_FILE = new Setting.Text(
            "vitalstorm.archive.checksum.keyset.file", "",
            "Tink keyset (JSON, mode 0600) of the keyed checksum (HMAC-SHA256) stored with each catalog entry; "
            + "empty: SHA-256 only (local demo)");

    public static final List<Setting> ALL = List.of(ENCRYPTION_KEYSET_FILE, CHECKSUM_KEYSET_FILE);

    public static ArchiveSecurity fromMap(Map<String, ?> conf) {
        return new ArchiveSecurity(ENCRYPTION_KEYSET_FILE.readStripped(conf), CHECKSUM_KEYSET_FILE.readStripped(conf));
    }

    public boolean encrypts() {
        return !encryptionKeysetFile.isEmpty();
    }

    public boolean signs() {
        return !checksumKeysetFile.isEmpty();
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(ENCRYPTION_KEYSET_FILE.key(), encryptionKeysetFile);
        m.put(CHECKSUM_KEYSET_FILE.key(), checksumKeysetFile);
        return m;
    }
}
