package io.vitalstorm.coordination;

/** Someone changed the thresholds document between our read and our write; nothing was written. */
public final class ConcurrentEditException extends Exception {

    private static final long serialVersionUID = 1L;

    public ConcurrentEditException(String message, Throwable cause) {
        super(message, cause);
    }
}
