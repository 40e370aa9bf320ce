package dev.pullthrough.cli.images;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pullthrough.hook.JsonFiles;
import java.nio.charset.StandardCharsets;

/** JSON as people write it ({@code "key": value}, two-space indent), for the report and the paste-ready rules. */
final class PrettyJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PrettyJson() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** The same layout as the files the hook writes, without the final newline. */
    static String write(JsonNode node) {
        return new String(JsonFiles.write(node, "  "), StandardCharsets.UTF_8).stripTrailing();
    }
}
