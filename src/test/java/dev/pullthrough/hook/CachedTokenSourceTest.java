package dev.pullthrough.hook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CachedTokenSourceTest {
    static final Instant T0 = Instant.parse("2026-12-02T06:00:00Z");

    @TempDir
    Path dir;

    int calls;

    TokenSource counting() {
        return () -> {
            calls++;
            return EcrToken.of("AWS", "secret-" + calls, T0.plusSeconds(43200), T0);
        };
    }

    CachedTokenSource at(Instant now, String key) {
        return new CachedTokenSource(dir.resolve("token.json"), key, counting(), Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void fetch_validCachedToken_isReusedWithoutACall() throws Exception {
        EcrToken first = at(T0, "us-east-1/a").fetch();
        EcrToken second = at(T0.plusSeconds(3600), "us-east-1/a").fetch();

        assertThat(second).isEqualTo(first);
        assertThat(calls).isEqualTo(1);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("token.json"))))
                .isEqualTo("rw-------");
    }

    @Test
    void fetch_cachedTokenPastItsRefreshTime_asksAgain() throws Exception {
        at(T0, "us-east-1/a").fetch();
        EcrToken later = at(T0.plusSeconds(43200 - 60), "us-east-1/a").fetch();

        assertThat(calls).isEqualTo(2);
        assertThat(later.password()).isEqualTo("secret-2");
    }

    @Test
    void fetch_otherRegionOrCredentials_asksAgain() throws Exception {
        at(T0, CachedTokenSource.key("us-east-1", Map.of("AWS_PROFILE", "ci"))).fetch();
        at(T0, CachedTokenSource.key("us-east-1", Map.of("AWS_PROFILE", "other"))).fetch();
        at(T0, CachedTokenSource.key("eu-west-1", Map.of("AWS_PROFILE", "other"))).fetch();

        assertThat(calls).isEqualTo(3);
    }

    @Test
    void forget_removesTheToken_soTheNextStartAsks() throws Exception {
        at(T0, "k").fetch();
        CachedTokenSource.forget(dir.resolve("token.json"));
        at(T0, "k").fetch();

        assertThat(calls).isEqualTo(2);
    }

    @Test
    void fetch_garbledCacheFile_isIgnoredAndReplaced() throws Exception {
        Files.writeString(dir.resolve("token.json"), "{not json");

        assertThat(at(T0, "k").fetch().password()).isEqualTo("secret-1");
        assertThat(Files.readString(dir.resolve("token.json"))).contains("\"key\":\"k\"");
    }

    @Test
    void key_holdsNoCredentialValue() {
        String key = CachedTokenSource.key("us-east-1", Map.of("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE"));

        assertThat(key).startsWith("us-east-1/").doesNotContain("AKIA");
    }
}
