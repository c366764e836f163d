package io.vitalstorm.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/** Picks free TCP ports on 127.0.0.1. */
public final class FreePorts {

    public static final String LOOPBACK = "127.0.0.1";

    /**
     * Ports handed out by this JVM: the OS may offer the same ephemeral port twice before
     * the first taker binds it, and the servers here start concurrently.
     */
    private static final Set<Integer> HANDED_OUT = new HashSet<>();

    private FreePorts() {
    }

    /** A port that is free now and was not handed out before by this JVM. */
    public static synchronized int next() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = bindAndRelease(0);
            if (HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port found on " + LOOPBACK);
    }

    /** Whether a server socket could bind {@code 127.0.0.1:port} right now. */
    public static boolean isFree(int port) {
        try {
            bindAndRelease(port);
            return true;
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    private static int bindAndRelease(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port), 1);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
