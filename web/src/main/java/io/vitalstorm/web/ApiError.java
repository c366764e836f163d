package io.vitalstorm.web;

/** A request the server refuses, with the HTTP status and a message safe to show the caller. */
public final class ApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    /** FHIR OperationOutcome issue code (invalid, not-found, forbidden, login, too-costly, exception). */
    private final String code;

    public ApiError(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public static ApiError badRequest(String message) {
        return new ApiError(400, "invalid", message);
    }

    public static ApiError notFound(String message) {
        return new ApiError(404, "not-found", message);
    }

    public static ApiError forbidden(String message) {
        return new ApiError(403, "forbidden", message);
    }

    public static ApiError unauthorized() {
        return new ApiError(401, "login", "log in first");
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
