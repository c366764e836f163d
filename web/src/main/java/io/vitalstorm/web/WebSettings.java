package io.vitalstorm.web;

import java.time.Duration;
import java.util.Map;

/**
 * The dashboard's own settings, read from the same config file as the topology
 * ({@code vitalstorm.web.*} keys beside the shared {@code vitalstorm.*} ones).
 *
 * @param host           address to bind (loopback unless told otherwise)
 * @param port           0 picks a free port (tests)
 * @param keystoreFile   PKCS#12 keystore for HTTPS; empty serves plain HTTP (behind a TLS proxy, or the demo)
 * @param silentAfter    a patient with no reading for this long shows as a silent device
 * @param maxRange       the longest history range one request may ask for
 */
public record WebSettings(String host, int port, String keystoreFile, String keystorePasswordFile,
                          Duration silentAfter, Duration maxRange, Duration sessionIdle) {

    public static WebSettings fromMap(Map<String, ?> conf) {
        return new WebSettings(
                str(conf, "vitalstorm.web.host", "127.0.0.1"),
                num(conf, "vitalstorm.web.port", 8080),
                str(conf, "vitalstorm.web.tls.keystore.file", ""),
                str(conf, "vitalstorm.web.tls.keystore.password.file", ""),
                Duration.ofSeconds(num(conf, "vitalstorm.web.silent.after.seconds", 120)),
                Duration.ofDays(num(conf, "vitalstorm.web.max.range.days", 400)),
                Duration.ofMinutes(num(conf, "vitalstorm.web.session.idle.minutes", 30)));
    }

    public WebSettings withPort(int newPort) {
        return new WebSettings(host, newPort, keystoreFile, keystorePasswordFile, silentAfter, maxRange, sessionIdle);
    }

    public boolean tls() {
        return !keystoreFile.isBlank();
    }

    private static String str(Map<String, ?> conf, String key, String fallback) {
        Object v = conf.get(key);
        return v == null ? fallback : v.toString();
    }

    private static int num(Map<String, ?> conf, String key, int fallback) {
        Object v = conf.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            return v instanceof Number n ? n.intValue() : Integer.parseInt(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, not '" + v + "'");
        }
    }
}
