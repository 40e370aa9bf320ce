package dev.pullthrough.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageReferenceTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "node:22, docker.io, library/node, 22, ",
        "node, docker.io, library/node, , ",
        "docker.io/node:22, docker.io, library/node, 22, ",
        "index.docker.io/library/node:22, docker.io, library/node, 22, ",
        "bitnami/redis:7.2, docker.io, bitnami/redis, 7.2, ",
        "ghcr.io/actions/runner:2.330.0, ghcr.io, actions/runner, 2.330.0, ",
        "localhost:5000/team/app:1, localhost:5000, team/app, 1, ",
        "registry.local:5000/app, registry.local:5000, app, , ",
        "node@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef, docker.io, library/node, , sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "node:22@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef, docker.io, library/node, 22, sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
    })
    void parse_reference_splitsLikeDocker(String ref, String registry, String repository, String tag, String digest) {
        ImageReference image = ImageReference.parse(ref);

        assertThat(image.registry()).isEqualTo(registry);
        assertThat(image.repository()).isEqualTo(repository);
        assertThat(image.tag().orElse(null)).isEqualTo(tag);
        assertThat(image.digest().orElse(null)).isEqualTo(digest);
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource({"'', empty", "Node:22, repository", "node:bad tag, tag", "node@sha256:xyz, digest"})
    void parse_invalidReference_namesThePart(String ref, String part) {
        assertThatThrownBy(() -> ImageReference.parse(ref))
                .isInstanceOf(InvalidImageReferenceException.class)
                .hasMessageContaining(part);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "node:22:23 | has more than one \":\"; a reference has at most one tag",
        "node@sha256:abc | has 3 hex digits; a sha256 digest has exactly 64",
        "node@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef00 | has 66 hex digits",
        "node@sha256:XYZ | must be lowercase hex digits",
        "node@0123456789abcdef0123456789abcdef | has no algorithm; write it as sha256:<64 hex digits>",
    })
    void parse_malformedTagOrDigest_namesTheRealProblem(String ref, String message) {
        assertThatThrownBy(() -> ImageReference.parse(ref))
                .isInstanceOf(InvalidImageReferenceException.class)
                .hasMessageContaining(message)
                .hasMessageNotContaining("must be lowercase letters");
    }
}
