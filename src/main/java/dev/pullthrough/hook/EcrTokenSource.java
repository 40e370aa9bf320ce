package dev.pullthrough.hook;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;
import software.amazon.awssdk.services.ecr.model.GetAuthorizationTokenResponse;

/**
 * Gets tokens with the AWS SDK for Java v2: the default credential chain (environment, profile, web identity,
 * container and instance roles) and the SDK's own endpoint configuration, which honours {@code AWS_ENDPOINT_URL_ECR}
 * and {@code AWS_ENDPOINT_URL} (and the {@code aws.endpointUrlEcr} / {@code aws.endpointUrl} system properties).
 *
 * <p>The client is built on first use with the JDK URL connection client: no Netty or Apache client to load, which
 * keeps {@code hook start} fast.
 */
public final class EcrTokenSource implements TokenSource, AutoCloseable {
    private final String region;
    private final Clock clock;
    private EcrClient client;

    public EcrTokenSource(String region, Clock clock) {
        this.region = region;
        this.clock = clock;
    }

    @Override
    public synchronized EcrToken fetch() throws TokenFetchException {
        try {
            if (client == null) {
                client = EcrClient.builder()
                        .region(Region.of(region))
                        .httpClientBuilder(UrlConnectionHttpClient.builder())
                        // One attempt per call, bounded in time: RetryingTokenSource (hook start) and RefreshingToken
                        // (the mirror) decide when to call again; the SDK's own retries would add calls a throttled
                        // fleet cannot afford, and a hung token API must not keep a refresh thread forever.
                        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
                                .apiCallTimeout(RefreshingToken.DEFAULT_DEADLINE))
                        .build();
            }
            Instant now = clock.instant();
            GetAuthorizationTokenResponse response = client.getAuthorizationToken(r -> { });
            List<AuthorizationData> data = response.authorizationData();
            if (data.isEmpty() || data.get(0).authorizationToken() == null) {
                throw new TokenFetchException("ecr:GetAuthorizationToken returned no token", null);
            }
            AuthorizationData d = data.get(0);
            Instant expiresAt = d.expiresAt() != null ? d.expiresAt() : now.plusSeconds(12 * 3600);
            return new EcrToken(d.authorizationToken(), expiresAt, now);
        } catch (SdkException e) {
            throw new TokenFetchException(kindOf(e), "ecr:GetAuthorizationToken failed in " + region + ": "
                    + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new TokenFetchException("ecr:GetAuthorizationToken failed in " + region + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
        }
    }

    /** Throttling is retried until the deadline, 5xx and I/O a few times, the rest (credentials, access) not at all. */
    public static TokenFetchException.Kind kindOf(SdkException e) {
        if (e instanceof SdkServiceException service) {
            if (service.isThrottlingException()) {
                return TokenFetchException.Kind.THROTTLED;
            }
            return service.statusCode() >= 500 ? TokenFetchException.Kind.TRANSIENT : TokenFetchException.Kind.FATAL;
        }
        return e.retryable() || e.getCause() instanceof java.io.IOException
                ? TokenFetchException.Kind.TRANSIENT : TokenFetchException.Kind.FATAL;
    }
}
