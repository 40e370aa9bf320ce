package dev.pullthrough.hook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SDK call against a loopback stand-in for the ECR API (JSON 1.1 protocol), reached through the SDK's own endpoint
 * override ({@code aws.endpointUrlEcr}, the system-property twin of {@code AWS_ENDPOINT_URL_ECR}).
 */
class EcrTokenSourceTest {
    private HttpServer api;
    private final List<String> targets = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String body;

    @BeforeEach
    void setUp() throws Exception {
        api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/", ex -> {
            ex.getRequestBody().readAllBytes();
            targets.add(ex.getRequestHeaders().getFirst("X-Amz-Target"));
            authorizations.add(ex.getRequestHeaders().getFirst("Authorization"));
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
            ex.sendResponseHeaders(status, b.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(b);
            }
        });
        api.start();
        System.setProperty("aws.endpointUrlEcr", "http://127.0.0.1:" + api.getAddress().getPort());
        System.setProperty("aws.accessKeyId", "AKIAIOSFODNN7EXAMPLE");
        System.setProperty("aws.secretAccessKey", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    }

    @AfterEach
    void tearDown() {
        api.stop(0);
        System.clearProperty("aws.endpointUrlEcr");
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @Test
    void fetch_standIn_tokenAndExpiryDecoded() throws Exception {
        String token = EcrToken.of("AWS", "p".repeat(1500), Instant.EPOCH, Instant.EPOCH).authorizationToken();
        body = "{\"authorizationData\":[{\"authorizationToken\":\"" + token + "\",\"expiresAt\":1.9E9,"
                + "\"proxyEndpoint\":\"https://123456789012.dkr.ecr.us-east-1.amazonaws.com\"}]}";

        try (EcrTokenSource source = new EcrTokenSource("us-east-1", Clock.systemUTC())) {
            EcrToken t = source.fetch();

            assertThat(t.authorizationToken()).isEqualTo(token);
            assertThat(t.password()).isEqualTo("p".repeat(1500));
            assertThat(t.expiresAt()).isEqualTo(Instant.ofEpochSecond(1_900_000_000L));
            assertThat(t.toString()).doesNotContain(token);
        }
        assertThat(targets).containsExactly("AmazonEC2ContainerRegistry_V20150921.GetAuthorizationToken");
        assertThat(authorizations.get(0)).startsWith("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/")
                .contains("/us-east-1/ecr/aws4_request");
    }

    @Test
    void fetch_accessDenied_specificExceptionWithoutSecrets() {
        status = 400;
        body = "{\"__type\":\"AccessDeniedException\",\"message\":\"not authorized to perform: ecr:GetAuthorizationToken\"}";

        try (EcrTokenSource source = new EcrTokenSource("us-east-1", Clock.systemUTC())) {
            assertThatThrownBy(source::fetch).isInstanceOf(TokenFetchException.class)
                    .hasMessageContaining("ecr:GetAuthorizationToken")
                    .hasMessageNotContaining("wJalrXUtnFEMI");
        }
    }
}
