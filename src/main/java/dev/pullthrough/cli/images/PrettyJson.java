package dev.pullthrough.cli.images;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pullthrough.json.Json;

/** JSON as people write it ({@code "key": value}, two-space indent), for the report and the paste-ready rules. */
final class PrettyJson {
    private PrettyJson() {
    }

    static ObjectNode object() {
        return Json.STRICT.createObjectNode();
    }

    static String write(ObjectNode node) {
        return Json.pretty(node, "  ");
    }
}
