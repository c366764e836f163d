package io.vitalstorm.web;

import io.vitalstorm.core.config.SecretFiles;
import io.vitalstorm.core.config.Setting;

import java.nio.file.Path;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The dashboard's own settings, read from the same config file as the topology
 * ({@code vitalstorm.web.*} keys beside the shared {@code vitalstorm.*} ones), each a
 * {@link Setting} declaration documented in docs/configuration.md (checked by a test).
 *
 * @param host               address to bind (loopback unless told otherwise)
 * @param port               0 picks a free port (tests)
 * @param keystoreFile       PKCS#12 keystore for HTTPS; empty serves plain HTTP (behind a TLS proxy, or the demo)
 * @param silentAfter        a patient with no reading for this long shows as a silent device
 * @param maxRange           the longest history range one request may ask for
 * @param exportMaxReadings  the most readings one export of a readings slice may hold
 * @param pseudonymKeyFile   the file holding the pseudonym key (0600); empty: a key per server run
 */
public record WebSettings(String host, int port, String keystoreFile, String keystorePasswordFile,
                          Duration silentAfter, Duration maxRange, Duration sessionIdle, long exportMaxReadings,
                          String pseudonymKeyFile) {

    public static final Setting.Text HOST = new Setting.Text("vitalstorm.web.host", "127.0.0.1",
            "Listen address of the dashboard (loopback: put a proxy in front, or 0.0.0.0 for every interface).");
    public static final Setting.Whole PORT = new Setting.Whole("vitalstorm.web.port", 8080, 0, 65_535,
            "Port of the dashboard (`./vitalstorm serve`); 0 picks a free one.");
    public static final Setting.Text KEYSTORE_FILE = new Setting.Text("vitalstorm.web.tls.keystore.file", "",
            "PKCS#12 keystore (mode 0600): HTTPS only on the port, `Secure` cookies, HSTS. Empty: plain HTTP "
            + "(put it behind TLS).");
    public static final Setting.Text KEYSTORE_PASSWORD_FILE = new Setting.Text(
            "vitalstorm.web.tls.keystore.password.file", "",
            "File (mode 0600) holding the keystore's password; needed with a keystore.");
    public static final Setting.Whole SILENT_AFTER_SECONDS = new Setting.Whole("vitalstorm.web.silent.after.seconds",
            120, 5, 86_400,
            "A patient with no reading for this long shows as a silent device (with the data's age), never as a low "
            + "score.");
    public static final Setting.Whole MAX_RANGE_DAYS = new Setting.Whole("vitalstorm.web.max.range.days", 400, 1, 3_660,
            "The longest history range one chart, raw-readings or export request may ask for.");
    public static final Setting.Whole SESSION_IDLE_MINUTES = new Setting.Whole("vitalstorm.web.session.idle.minutes",
            30, 1, 1_440,
            "A dashboard session unused for this long ends.");
    public static final Setting.Whole EXPORT_MAX_READINGS = new Setting.Whole("vitalstorm.web.export.max.readings",
            5_000_000, 1,
            100_000_000,
            "The most readings one catalog export of a readings slice may hold (5 M: 58 days of one patient "
            + "at 1 Hz, about 450 MB of CSV); a larger slice is refused before anything is sent.");
    public static final Setting.Text PSEUDONYM_KEY_FILE = new Setting.Text("vitalstorm.web.pseudonym.key.file", "",
            "File (mode 0600) holding the key of the pseudonyms and time shifts of exports, at least 32 characters "
            + "(`openssl rand -base64 32`); the same file on every web server keeps pseudonyms stable across servers "
            + "and restarts. Empty: a key drawn at each start (pseudonyms change with it).");
    /** Every dashboard setting, in the order of docs/configuration.md. */
    public static final List<Setting> ALL = List.of(HOST, PORT, KEYSTORE_FILE, KEYSTORE_PASSWORD_FILE,
            SILENT_AFTER_SECONDS, MAX_RANGE_DAYS,
            SESSION_IDLE_MINUTES,
            EXPORT_MAX_READINGS, PSEUDONYM_KEY_FILE);

    public static WebSettings fromMap(Map<String, ?> conf) {
        String keystore = KEYSTORE_FILE.readStripped(conf);
        String keystorePassword = KEYSTORE_PASSWORD_FILE.readStripped(conf);
        if (!keystore.isEmpty() && keystorePassword.isEmpty()) {
            throw new IllegalArgumentException(KEYSTORE_FILE.key() + " is set: set " + KEYSTORE_PASSWORD_FILE.key()
                    + " too (a file holding the keystore's password)");
        }
        return new WebSettings(
                HOST.readStripped(conf),
                PORT.readInt(conf),
                keystore,
                keystorePassword,
                Duration.ofSeconds(SILENT_AFTER_SECONDS.read(conf)),
                Duration.ofDays(MAX_RANGE_DAYS.read(conf)),
                Duration.ofMinutes(SESSION_IDLE_MINUTES.read(conf)),
                EXPORT_MAX_READINGS.read(conf),
                PSEUDONYM_KEY_FILE.readStripped(conf));
    }

    public WebSettings withPort(int newPort) {
        return new WebSettings(host, newPort, keystoreFile, keystorePasswordFile, silentAfter, maxRange, sessionIdle,
                exportMaxReadings, pseudonymKeyFile);
    }

    public boolean tls() {
        return !keystoreFile.isBlank();
    }

    /** The keystore's password, read from its file (0600 enforced), for HTTPS. */
    char[] keystorePassword() {
        SecretFiles.requireOwnerOnly(KEYSTORE_FILE.key(), Path.of(keystoreFile));
        return SecretFiles.read(KEYSTORE_PASSWORD_FILE.key(), Path.of(keystorePasswordFile)).toCharArray();
    }
}
