package dev.pullthrough.hook;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Strict JSON reading and stable pretty printing for the JSON files the hook edits (daemon.json, Docker's
 * config.json) and writes (its state). Key order is kept as read; numbers keep their exact text.
 */
final class JsonFiles {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

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
            throw new InvalidConfigFileException(label, "not a configuration file the hook can read: nested too deeply"
                    + " or holding a value too long (" + e.getOriginalMessage().replaceAll(" *\\(.*\\)", "") + ")");
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
        DefaultIndenter indenter = new DefaultIndenter(indent, "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                        .withObjectEmptySeparator("")
                        .withArrayEmptySeparator(""));
        printer.indentObjectsWith(indenter);
        printer.indentArraysWith(indenter);
        try {
            String text = MAPPER.writer(printer).writeValueAsString(node);
            return (text + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render JSON", e);
        }
    }
}
