package dev.pullthrough.hook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pullthrough.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * The reason in an error answer of the mirror ({@code {"errors":[{"code":...,"message":...}]}}, the registry API's
 * form), so that {@code start} can say why the mirror could not serve (an untrusted TLS certificate, a timeout) instead
 * of only its status code.
 */
final class MirrorError {
    /** The mirror's error bodies are one short line; anything longer is not one of them. */
    private static final int MAX_BYTES = 4096;

    private MirrorError() {
    }

    /** The first error's message, or empty when the body is missing or not the mirror's error form. */
    static Optional<String> message(InputStream body) {
        if (body == null) {
            return Optional.empty();
        }
        try (InputStream in = body) {
            byte[] bytes = in.readNBytes(MAX_BYTES);
            JsonNode message = Json.STRICT.readTree(bytes).path("errors").path(0).path("message");
            return message.isTextual() && !message.asText().isBlank() ? Optional.of(message.asText()) : Optional.empty();
        } catch (IOException | RuntimeException notOurs) {
            return Optional.empty();
        }
    }
}
