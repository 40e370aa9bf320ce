package dev.pullthrough.hook;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * An ECR authorization token as GetAuthorizationToken returns it: {@code authorizationToken} is base64 of
 * {@code AWS:<password>}, which is also exactly the value of an HTTP Basic credential and of a Docker
 * {@code config.json} {@code auth} entry. {@link #toString()} never shows it.
 */
public record EcrToken(String authorizationToken, Instant expiresAt, Instant obtainedAt) {
    public EcrToken {
        if (authorizationToken == null || authorizationToken.isBlank()) {
            throw new IllegalArgumentException("empty authorization token");
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorizationToken), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the authorization token is not base64", null);
        }
        if (decoded.indexOf(':') <= 0) {
            throw new IllegalArgumentException("the authorization token does not decode to user:password");
        }
    }

    /** From a user and password (tests and stand-ins). */
    public static EcrToken of(String user, String password, Instant expiresAt, Instant obtainedAt) {
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new EcrToken(basic, expiresAt, obtainedAt);
    }

    /** The {@code Authorization} header value. */
    public String authorizationHeader() {
        return "Basic " + authorizationToken;
    }

    /** The password part ({@code aws ecr get-login-password} prints this). */
    public String password() {
        String decoded = new String(Base64.getDecoder().decode(authorizationToken), StandardCharsets.UTF_8);
        return decoded.substring(decoded.indexOf(':') + 1);
    }

    /**
     * When to fetch a new one: 5 minutes before expiry, or after three quarters of the lifetime when that is shorter
     * (ECR tokens live 12 hours; short-lived test tokens are refreshed in time too).
     */
    public Instant refreshAt() {
        Duration lifetime = Duration.between(obtainedAt, expiresAt);
        if (lifetime.isNegative()) {
            return obtainedAt;
        }
        Duration margin = lifetime.dividedBy(4);
        if (margin.compareTo(Duration.ofMinutes(5)) > 0) {
            margin = Duration.ofMinutes(5);
        }
        return expiresAt.minus(margin);
    }

    @Override
    public String toString() {
        return "EcrToken[expiresAt=" + expiresAt + ", redacted]";
    }
}
