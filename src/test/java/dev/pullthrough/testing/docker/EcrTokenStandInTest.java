package dev.pullthrough.testing.docker;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;
import software.amazon.awssdk.services.ecr.model.EcrException;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The stand-in speaks the protocol the real AWS SDK for Java v2 ECR client speaks (the hook's client). */
class EcrTokenStandInTest {
    private EcrTokenStandIn standIn;
    private EcrClient ecr;

    @BeforeEach
    void start() {
        standIn = EcrTokenStandIn.startDetached();
        ecr = EcrClient.builder()
                .endpointOverride(URI.create(standIn.endpoint()))
                .region(Region.of(EcrTokenStandIn.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(EcrTokenStandIn.ACCESS_KEY_ID, EcrTokenStandIn.SECRET_ACCESS_KEY)))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }

    @AfterEach
    void stop() {
        ecr.close();
        standIn.close();
    }

    @Test
    void getAuthorizationToken_sdkClient_receivesLongAwsTokenWithExpiry() {
        standIn.tokenLifetime(Duration.ofSeconds(30));

        AuthorizationData data = ecr.getAuthorizationToken().authorizationData().get(0);

        String decoded = new String(Base64.getDecoder().decode(data.authorizationToken()), StandardCharsets.UTF_8);
        assertThat(decoded).startsWith("AWS:");
        assertThat(decoded.substring(4)).hasSizeGreaterThan(1024).isEqualTo(standIn.currentPassword());
        assertThat(data.expiresAt()).isBetween(Instant.now().plusSeconds(20), Instant.now().plusSeconds(31));
        assertThat(data.proxyEndpoint()).startsWith("https://");
        assertThat(standIn.calls()).isEqualTo(1);
        assertThat(standIn.rejectedCalls()).isZero();
        assertThat(standIn.issuedPasswords()).containsExactly(standIn.currentPassword());
    }

    @Test
    void getAuthorizationToken_eachCall_issuesANewPassword() {
        ecr.getAuthorizationToken();
        ecr.getAuthorizationToken();

        assertThat(standIn.issuedPasswords()).hasSize(2).doesNotHaveDuplicates();
    }

    @Test
    void getAuthorizationToken_accessDeniedMode_sdkSeesAccessDeniedException() {
        standIn.mode(EcrTokenStandIn.Mode.ACCESS_DENIED);

        assertThatThrownBy(() -> ecr.getAuthorizationToken())
                .isInstanceOf(EcrException.class)
                .satisfies(e -> assertThat(((EcrException) e).awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException"));
        assertThat(standIn.issuedPasswords()).isEmpty();
    }

    @Test
    void getAuthorizationToken_serverErrorMode_sdkSees500() {
        standIn.mode(EcrTokenStandIn.Mode.SERVER_ERROR);

        assertThatThrownBy(() -> ecr.getAuthorizationToken())
                .isInstanceOf(EcrException.class)
                .satisfies(e -> assertThat(((EcrException) e).statusCode()).isEqualTo(500));
    }

    @Test
    void getAuthorizationToken_throttled_sdkSeesThrottlingExceptionAndTheHookRetriesIt() {
        java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong();
        standIn.throttle(new TokenBucket(2, 0, now::get));
        ecr.getAuthorizationToken();
        ecr.getAuthorizationToken();

        assertThatThrownBy(() -> ecr.getAuthorizationToken())
                .isInstanceOf(EcrException.class)
                .satisfies(e -> {
                    EcrException ecrError = (EcrException) e;
                    assertThat(ecrError.statusCode()).isEqualTo(400);
                    assertThat(ecrError.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
                    assertThat(ecrError.isThrottlingException()).isTrue();
                    assertThat(dev.pullthrough.hook.EcrTokenSource.kindOf(ecrError))
                            .isEqualTo(dev.pullthrough.hook.TokenFetchException.Kind.THROTTLED);
                });
        assertThat(standIn.throttledCalls()).isEqualTo(1);
        assertThat(standIn.issuedPasswords()).hasSize(2);
    }
}
