package io.vitalstorm.infra;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The runtime classpath of cassandra-all, as resolved by Maven when the module
 * vitalstorm-cassandra-runtime was built. Only that resource reaches this classpath
 * (infra depends on the module with a *:* exclusion), so Cassandra's jars never clash
 * with Storm's or Kafka's; they are used only by the separate Cassandra JVM.
 */
final class CassandraClasspath {

    static final String RESOURCE = "/io/vitalstorm/infra/cassandra/classpath.txt";
    private static final String REBUILD_HINT =
            "build it with: mvn -B -q -pl infra/cassandra-runtime install";

    private CassandraClasspath() {
    }

    /** The classpath string for {@code java -cp}, after checking every jar is present. */
    static String load() throws IOException {
        String classpath;
        try (InputStream in = CassandraClasspath.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE
                        + " missing: vitalstorm-cassandra-runtime is not on the classpath; " + REBUILD_HINT);
            }
            classpath = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
        List<String> missing = Arrays.stream(classpath.split(":"))
                .filter(jar -> !Files.isRegularFile(Path.of(jar)))
                .toList();
        if (classpath.isEmpty() || !missing.isEmpty()) {
            throw new IllegalStateException("Cassandra classpath is stale, missing " + missing.size()
                    + " jar(s), e.g. " + missing.stream().findFirst().orElse("(empty classpath)")
                    + "; " + REBUILD_HINT);
        }
        return classpath;
    }
}
