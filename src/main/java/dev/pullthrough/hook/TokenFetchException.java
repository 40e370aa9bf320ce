package dev.pullthrough.hook;

/** GetAuthorizationToken failed: no credentials, no permission, endpoint unreachable, or throttled. */
public final class TokenFetchException extends HookException {
    /** Whether trying again can help, and how soon (see {@link RetryingTokenSource}). */
    public enum Kind {
        /** ECR's per-account token bucket is empty ({@code ThrottlingException}): retry after a jittered wait. */
        THROTTLED,
        /** A 5xx answer or a broken connection: retry a few times. */
        TRANSIENT,
        /** No credentials, access denied, bad region: retrying gives the same answer. */
        FATAL
    }

    private final Kind kind;

    public TokenFetchException(String message, Throwable cause) {
        this(Kind.FATAL, message, cause);
    }

    public TokenFetchException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
