package io.vitalstorm.infra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a server that runs in a JVM of its own on this JVM's java and classpath
 * (Kafka and ZooKeeper are on it already), for tests that kill and restart the server.
 */
final class ChildJvm {

    private ChildJvm() {
    }

    /**
     * {@code java -Xmx<heap> <options> @<dir>/classpath.args <mainClass> <args>}: the classpath goes in an
     * argument file, since a test classpath may pass the kernel's limit for one argument (128 KiB).
     */
    static List<String> command(Path dir, String heap, List<String> options, String mainClass, List<String> args)
            throws IOException {
        Path argFile = dir.resolve("classpath.args");
        Files.writeString(argFile, "-cp \"" + System.getProperty("java.class.path") + "\"\n", StandardCharsets.UTF_8);
        List<String> command =
                new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms" + heap, "-Xmx" + heap, "-XX:+UseSerialGC", "-XX:ErrorFile=" + dir.resolve("hs_err_%p.log"),
                "-Djava.io.tmpdir=" + Files.createDirectories(dir.resolve("tmp")), "-Djava.net.preferIPv4Stack=true"));
        command.addAll(options);
        command.add("@" + argFile);
        command.add(mainClass);
        command.addAll(args);
        return command;
    }
}
