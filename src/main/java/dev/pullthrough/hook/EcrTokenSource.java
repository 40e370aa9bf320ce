package dev.pullthrough.hook;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
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
                        // The whole call, SDK retries included, ends by the deadline the mirror waits for a
                        // refresh: a hung token API must not keep a refresh thread forever.
                        .overrideConfiguration(o -> o.apiCallTimeout(RefreshingToken.DEFAULT_DEADLINE))
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
        } catch (SdkException | IllegalArgumentException e) {
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
}
