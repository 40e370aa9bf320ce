package dev.pullthrough.hook;

/** GetAuthorizationToken failed: no credentials, no permission, endpoint unreachable. */
public final class TokenFetchException extends HookException {
    public TokenFetchException(String message, Throwable cause) {
        super(message, cause);
    }
}
