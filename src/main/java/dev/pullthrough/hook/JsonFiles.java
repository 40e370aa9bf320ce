package dev.pullthrough.hook;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pullthrough.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Strict JSON reading and stable pretty printing for the JSON files the hook edits (daemon.json, Docker's
 * config.json) and writes (its state). Key order is kept as read; numbers keep their exact text.
 */
final class JsonFiles {
    /** The project's strict reader ({@link Json#STRICT}): duplicate keys are errors, numbers keep their text. */
    static final ObjectMapper MAPPER = Json.STRICT;

    private JsonFiles() {
    }

    /** Reads a JSON object; missing (null) or blank input is an empty object. */
    static ObjectNode readObject(byte[] bytes, String label) throws InvalidConfigFileException {
        if (bytes == null || new String(bytes, StandardCharsets.UTF_8).isBlank()) {
            return MAPPER.createObjectNode();
        }
        JsonNode node;
        try (JsonParser parser = MAPPER.createParser(bytes)) {
            node = MAPPER.readTree(parser);
        } catch (StreamConstraintsException e) {
            // Jackson's limits (nesting depth, number and string length) carry no location.
            throw new InvalidConfigFileException(label, "not a configuration file the hook can read: nested deeper than "
                    + Json.MAX_NESTING_DEPTH + " levels or holding a value too long");
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new InvalidConfigFileException(label, "not valid JSON (" + e.getOriginalMessage()
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()) + ")");
        } catch (IOException e) {
            throw new InvalidConfigFileException(label, "cannot be read: " + e.getMessage());
        }
        if (node == null || node.isMissingNode()) {
            return MAPPER.createObjectNode();
        }
        if (!node.isObject()) {
            throw new InvalidConfigFileException(label, "the top level must be a JSON object, found " + node.getNodeType());
        }
        return (ObjectNode) node;
    }

    /** {@code s} as a JSON string literal. */
    static String quote(String s) {
        try {
            return MAPPER.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot quote a string", e);
        }
    }

    /** Pretty JSON with the given indent, "key": value spacing, arrays one element per line, final newline. */
    static byte[] write(JsonNode node, String indent) {
        return Json.prettyFile(node, indent);
    }
}
