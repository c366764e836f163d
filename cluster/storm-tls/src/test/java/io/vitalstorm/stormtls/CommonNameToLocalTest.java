package io.vitalstorm.stormtls;

import org.apache.storm.security.auth.SingleUserPrincipal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;
import javax.security.auth.x500.X500Principal;

import static org.assertj.core.api.Assertions.assertThat;

/** Subjects as MutualTlsTransportPlugin stores them: X500Principal.getName(), RFC 2253. */
class CommonNameToLocalTest {
    private final CommonNameToLocal ptol = new CommonNameToLocal();

    CommonNameToLocalTest() {
        ptol.prepare(Map.of());
    }

    /** What the plugin stores for a certificate with this subject. */
    private static String stored(String subject) {
        return new X500Principal(subject).getName();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "CN=vs-h1|vs-h1", // what the certificates role issues (vs-pki.sh: -subj /CN=<inventory name>)
        "CN=vs-h1, O=VitalStorm|vs-h1",
        "O=VitalStorm, CN=storm1.ward.example.org, C=GB|storm1.ward.example.org",
        "cn=vs_h2|vs_h2",
        "CN=vs-h1, OU=ops\\, night shift|vs-h1"})
    void mapsTheCertificatesCommonName(String subject, String local) {
        assertThat(ptol.toLocal(new SingleUserPrincipal(stored(subject)))).isEqualTo(local);
        assertThat(ptol.toLocal(stored(subject))).isEqualTo(local);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "O=VitalStorm", // no CN
        "CN=vs-h1, CN=admin", // two CNs
        "CN=admin, CN=vs-h1",
        "CN=vs-h1 + CN=admin", // two CNs in one multi-valued RDN
        "CN=vs-h1\\, O=VitalStorm", // an escaped comma: one CN whose value is "vs-h1, O=VitalStorm"
        "CN=vs-h1\\,CN=admin",
        "CN=vs-h1\\+CN=admin",
        "CN=\"vs-h1,O=x\"",
        "CN=vs h1",
        "CN=\\ vs-h1", // an escaped leading space
        "CN=vs-h1\\ ",
        "CN=vs-h1\\0A",
        "CN=-vs-h1",
        "CN=vs-h1.",
        "CN=",
        "CN=ANONYMOUS"}) // the plugin's name for a caller without a certificate
    void refusesEverythingElse(String subject) {
        assertThat(ptol.toLocal(stored(subject))).isEqualTo(CommonNameToLocal.REFUSED);
    }

    @ParameterizedTest(name = "raw \"{0}\"")
    @ValueSource(strings = {"", "vs-h1", "=vs-h1", "CN=#zz", "CN=#0405766d2d6831", "CN=vs-h1,,O=x", "CN"})
    void refusesSubjectsThatDoNotParseOrAreNotText(String subject) {
        assertThat(ptol.toLocal(subject)).isEqualTo(CommonNameToLocal.REFUSED);
    }

    @Test
    void refusesNoPrincipal() {
        assertThat(ptol.toLocal((java.security.Principal) null)).isEqualTo(CommonNameToLocal.REFUSED);
        assertThat(ptol.toLocal((String) null)).isEqualTo(CommonNameToLocal.REFUSED);
    }

    @Test
    void refusedIsNoHostNameSoNoAclEntry() {
        assertThat(CommonNameToLocal.HOST_NAME.matcher(CommonNameToLocal.REFUSED).matches()).isFalse();
    }
}
