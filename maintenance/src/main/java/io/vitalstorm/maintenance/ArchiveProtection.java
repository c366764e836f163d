package io.vitalstorm.maintenance;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Parameters;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.mac.ChunkedMac;
import com.google.crypto.tink.mac.ChunkedMacComputation;
import com.google.crypto.tink.mac.ChunkedMacVerification;
import com.google.crypto.tink.mac.MacConfig;
import com.google.crypto.tink.mac.PredefinedMacParameters;
import com.google.crypto.tink.streamingaead.PredefinedStreamingAeadParameters;
import com.google.crypto.tink.streamingaead.StreamingAeadConfig;
import io.vitalstorm.core.config.ArchiveSecurity;
import io.vitalstorm.core.config.SecretFiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The protection of archive files ({@link ArchiveSecurity}): encryption with Tink's streaming AEAD
 * (AES-256-GCM-HKDF, 1 MiB segments, so a year-sized file is neither held in memory to write nor to
 * verify), bound to the file's name so one day's file cannot pass for another's; and a keyed
 * checksum (HMAC-SHA256 through Tink's chunked MAC) of the bytes as stored, verifiable without
 * decrypting. Keysets are Tink JSON in 0600 files; a keyset may hold retired keys, which keep
 * verifying and decrypting older archives while the primary key protects new ones.
 */
public final class ArchiveProtection {

    /** What the catalog records as the encryption of a file. */
    public static final String PLAIN = "none";
    public static final String ENCRYPTED = "tink-aes256-gcm-hkdf-1mb";

    /** What a keyset is for, and the parameters of the keys {@link #newKeyset} makes. */
    public enum Purpose {
        ENCRYPTION(PredefinedStreamingAeadParameters.AES256_GCM_HKDF_1MB),
        CHECKSUM(PredefinedMacParameters.HMAC_SHA256_256BITTAG);

        private final Parameters parameters;

        Purpose(Parameters parameters) {
            this.parameters = parameters;
        }

        public static Purpose of(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT));
        }
    }

    static {
        try {
            StreamingAeadConfig.register();
            MacConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final ArchiveProtection NONE = new ArchiveProtection(null, null);

    private final StreamingAead aead;
    private final ChunkedMac mac;

    private ArchiveProtection(StreamingAead aead, ChunkedMac mac) {
        this.aead = aead;
        this.mac = mac;
    }

    public static ArchiveProtection none() {
        return NONE;
    }

    /** Reads the configured keysets (mode 0600 enforced); clear errors name the setting, never a key. */
    public static ArchiveProtection from(ArchiveSecurity security) {
        if (!security.encrypts() && !security.signs()) {
            return NONE;
        }
        try {
            return new ArchiveProtection(
                    security.encrypts() ? keyset(ArchiveSecurity.ENCRYPTION_KEYSET_FILE.key(),
                            security.encryptionKeysetFile())
                            .getPrimitive(RegistryConfiguration.get(), StreamingAead.class) : null,
                    security.signs() ? keyset(ArchiveSecurity.CHECKSUM_KEYSET_FILE.key(),
                            security.checksumKeysetFile())
                            .getPrimitive(RegistryConfiguration.get(), ChunkedMac.class) : null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("archive keyset unusable: " + e.getClass().getSimpleName()
                    + " (expected a Tink keyset made by ./vitalstorm archive keygen)");
        }
    }

    private static KeysetHandle keyset(String key, String file) {
        try {
            return TinkJsonProtoKeysetFormat.parseKeyset(SecretFiles.read(key, Path.of(file)),
                    InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(key + " " + file + " is not a Tink JSON keyset"); // never the content
        }
    }

    /** A new keyset of one fresh primary key, as Tink JSON (to be written mode 0600). */
    public static String newKeyset(Purpose purpose) throws GeneralSecurityException {
        return TinkJsonProtoKeysetFormat.serializeKeyset(KeysetHandle.generateNew(purpose.parameters),
                InsecureSecretKeyAccess.get());
    }

    /** The keyset with a fresh primary key added; the older keys stay, to read older archives. */
    public static String rotate(String keysetJson, Purpose purpose) throws GeneralSecurityException {
        KeysetHandle old = TinkJsonProtoKeysetFormat.parseKeyset(keysetJson, InsecureSecretKeyAccess.get());
        KeysetHandle rotated = KeysetHandle.newBuilder(old)
                .addEntry(KeysetHandle.generateEntryFromParameters(purpose.parameters).withRandomId().makePrimary())
                .build();
        return TinkJsonProtoKeysetFormat.serializeKeyset(rotated, InsecureSecretKeyAccess.get());
    }

    public boolean encrypts() {
        return aead != null;
    }

    public boolean signs() {
        return mac != null;
    }

    /** The catalog's name of this encryption. */
    public String encryption() {
        return aead == null ? PLAIN : ENCRYPTED;
    }

    /** The file name an archive of {@code baseName} gets: {@code .enc} marks an encrypted one. */
    public String fileName(String baseName) {
        return aead == null ? baseName : baseName + ".enc";
    }

    /** Plain bytes written to the result reach {@code stored} encrypted for {@code fileName}. */
    OutputStream encrypting(OutputStream stored, String fileName) throws IOException {
        if (aead == null) {
            return stored;
        }
        try {
            return aead.newEncryptingStream(stored, associatedData(fileName));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot encrypt " + fileName + ": " + e.getClass().getSimpleName(), e);
        }
    }

    /** The plain bytes of a stored file; a changed, truncated or renamed file fails while it is read. */
    public InputStream decrypting(InputStream stored, String fileName, String encryption) throws IOException {
        if (PLAIN.equals(encryption)) {
            return stored;
        }
        if (aead == null) {
            throw new IOException(fileName + " is encrypted (" + encryption + "): set "
                    + ArchiveSecurity.ENCRYPTION_KEYSET_FILE.key() + " to read it");
        }
        try {
            return aead.newDecryptingStream(stored, associatedData(fileName));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot decrypt " + fileName + ": " + e.getClass().getSimpleName(), e);
        }
    }

    private static byte[] associatedData(String fileName) {
        return ("vitalstorm-archive/" + fileName).getBytes(StandardCharsets.UTF_8);
    }

    /** The checksums of a stored file's bytes, computed as they are written or read. */
    public Checksums checksums() throws IOException {
        try {
            return new Checksums(MessageDigest.getInstance("SHA-256"), mac == null ? null : mac.createComputation());
        } catch (GeneralSecurityException e) {
            throw new IOException("checksums unavailable: " + e.getClass().getSimpleName(), e);
        }
    }

    /** True when {@code hmacHex} is the keyed checksum of the file's stored bytes under a key of the keyset. */
    public boolean verifyChecksum(Path file, String hmacHex) throws IOException {
        if (mac == null) {
            throw new IOException("set " + ArchiveSecurity.CHECKSUM_KEYSET_FILE.key() + " to verify keyed checksums");
        }
        try (InputStream in = Files.newInputStream(file)) {
            ChunkedMacVerification v = mac.createVerification(HexFormat.of().parseHex(hmacHex));
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                v.update(ByteBuffer.wrap(buffer, 0, n));
            }
            v.verifyMac();
            return true;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** SHA-256 and, with a checksum keyset, HMAC of the same bytes. */
    public static final class Checksums {
        private final MessageDigest sha256;
        private final ChunkedMacComputation hmac;

        private Checksums(MessageDigest sha256, ChunkedMacComputation hmac) {
            this.sha256 = sha256;
            this.hmac = hmac;
        }

        void update(byte[] b, int off, int len) throws IOException {
            sha256.update(b, off, len);
            if (hmac != null) {
                try {
                    hmac.update(ByteBuffer.wrap(b, off, len));
                } catch (GeneralSecurityException e) {
                    throw new IOException("HMAC failed: " + e.getClass().getSimpleName(), e);
                }
            }
        }

        String sha256Hex() {
            return HexFormat.of().formatHex(sha256.digest());
        }

        /** Hex of the keyed checksum (Tink's tag, which names the key), or null without a checksum keyset. */
        String hmacHex() throws IOException {
            if (hmac == null) {
                return null;
            }
            try {
                return HexFormat.of().formatHex(hmac.computeMac());
            } catch (GeneralSecurityException e) {
                throw new IOException("HMAC failed: " + e.getClass().getSimpleName(), e);
            }
        }
    }
}
