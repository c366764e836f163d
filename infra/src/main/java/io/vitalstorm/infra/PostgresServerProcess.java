package io.vitalstorm.infra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Debian's PostgreSQL 15 as a throwaway child process on 127.0.0.1 (a hospital database for the
 * registry-sync tests): a fresh cluster from {@code initdb}, password authentication over TCP,
 * durability switched off for speed. PostgreSQL refuses to run as root, so as root both
 * {@code initdb} and the server run as the {@code postgres} user (setpriv, which execs, so the
 * child process is the server itself).
 */
public final class PostgresServerProcess implements LocalServer {

    static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
    public static final String SUPERUSER = "postgres";
    private static final String RUN_AS = "postgres";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);

    private final Path workDir;
    private final String password = UUID.randomUUID().toString();
    private int port;
    private Path passwordFile;
    private ChildProcess process;

    public PostgresServerProcess(Path workDir) {
        this.workDir = workDir.toAbsolutePath().normalize();
    }

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public synchronized void start() throws Exception {
        if (!Files.isExecutable(BIN.resolve("initdb"))) {
            throw new IllegalStateException(BIN.resolve("initdb") + " not found: run scripts/install-system-packages.sh"
                    + " (it installs the Debian package postgresql)");
        }
        WorkDirs.prepareEmpty(workDir);
        Path serverDir = workDir.resolve("server");
        Path dataDir = serverDir.resolve("data");
        Files.createDirectories(serverDir);
        Path initPassword = serverDir.resolve("initdb.pw");
        Files.writeString(initPassword, password + "\n", StandardCharsets.UTF_8);
        if (asRoot()) {
            chownToServerUser(serverDir);
            chownToServerUser(initPassword);
        }
        run(List.of(BIN.resolve("initdb").toString(), "-D", dataDir.toString(), "-U", SUPERUSER,
                "--pwfile=" + initPassword,
                "--auth-host=scram-sha-256", "--auth-local=trust", "-E", "UTF8", "--no-locale", "--no-sync"),
                serverDir, workDir.resolve("initdb.log"));
        Files.delete(initPassword);
        // the clients' copy of the password: owner-only, as the registry sync demands of credential files
        passwordFile = workDir.resolve("postgres.password");
        Files.writeString(passwordFile, password + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));

        port = FreePorts.next();
        List<String> server = asServerUser(List.of(BIN.resolve("postgres").toString(), "-D", dataDir.toString(),
                "-h", FreePorts.LOOPBACK, "-p", String.valueOf(port), "-k", serverDir.toString(),
                "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
                "-c", "shared_buffers=16MB", "-c", "max_connections=30", "-c", "logging_collector=off"));
        process = ChildProcess.start(name(), server, serverDir, workDir.resolve("postgres.log"), STOP_GRACE);
        Await.until("postgres on " + address(), READY_TIMEOUT, this::accepts,
                () -> "; postgres output:\n" + process.outputTail(20));
    }

    private boolean accepts() throws Exception {
        process.checkAlive();
        Process p = new ProcessBuilder(BIN.resolve("pg_isready").toString(), "-q", "-h", FreePorts.LOOPBACK,
                "-p", String.valueOf(port)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    private void run(List<String> command, Path dir, Path log) throws Exception {
        Process p = new ProcessBuilder(asServerUser(command)).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(command.get(0) + " did not finish in 120 s");
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(command.get(0) + " failed with " + p.exitValue() + ":\n"
                    + WorkDirs.tail(log, 20));
        }
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static List<String> asServerUser(List<String> command) {
        if (!asRoot()) {
            return command;
        }
        List<String> out = new ArrayList<>(List.of("/usr/bin/setpriv", "--reuid=" + RUN_AS, "--regid=" + RUN_AS,
                "--init-groups", "--reset-env"));
        out.addAll(command);
        return out;
    }

    private static void chownToServerUser(Path path) throws IOException {
        UserPrincipalLookupService users = path.getFileSystem().getUserPrincipalLookupService();
        Files.setOwner(path, users.lookupPrincipalByName(RUN_AS));
    }

    /** {@code jdbc:postgresql://127.0.0.1:port/database}. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + address() + "/" + database;
    }

    /** A file holding the superuser's password, mode 0600. */
    public Path passwordFile() {
        return passwordFile;
    }

    public int port() {
        return port;
    }

    @Override
    public String address() {
        return FreePorts.LOOPBACK + ":" + port;
    }

    @Override
    public synchronized void close() {
        if (process != null) {
            process.close();
        }
        try {
            WorkDirs.deleteRecursively(workDir);
        } catch (IOException e) {
            System.err.println("[infra] could not delete " + workDir + ": " + e);
        }
    }
}
