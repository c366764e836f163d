package io.vitalstorm.infra;

/** One real server on loopback that can be started, checked and stopped. */
public interface LocalServer extends AutoCloseable {

    /** Short lower-case name used in progress lines and errors, e.g. {@code "kafka"}. */
    String name();

    /** Starts the server and returns only once it answers real requests. */
    void start() throws Exception;

    /** {@code "127.0.0.1:port"} of the port clients use; valid after {@link #start()}. */
    String address();

    /** Stops the server; idempotent, never throws. */
    @Override
    void close();
}
