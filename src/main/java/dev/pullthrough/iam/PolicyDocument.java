package dev.pullthrough.iam;

import dev.pullthrough.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An IAM identity policy (all statements Allow). The ROOT breadth warning is not repeated here: the rule set's
 * validation raises it, once.
 *
 * <p>The JSON form follows {@code aws_iam_policy_document}: a single action or resource is a string, several are a
 * list. This class sorts those lists (stable bytes); the provider keeps the order it is given, so a comparison with a
 * module's {@code policy_json} treats each statement's actions and resources as sets.
 */
public record PolicyDocument(List<Statement> statements) {
    public static final String VERSION = "2012-10-17";

    public PolicyDocument {
        statements = List.copyOf(statements);
    }

    /** Stable, pretty-printed JSON. */
    public String toJson() {
        return Json.pretty(toMap(), "  ");
    }

    /** The document as nested maps and lists, in the order it renders. */
    public Map<String, Object> toMap() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("Version", VERSION);
        doc.put("Statement", statements.stream().map(PolicyDocument::statementMap).toList());
        return doc;
    }

    private static Map<String, Object> statementMap(Statement s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Sid", s.sid());
        m.put("Effect", "Allow");
        m.put("Action", oneOrMany(s.actions()));
        m.put("Resource", oneOrMany(s.resources()));
        return m;
    }

    /** IAM's JSON form: a single value as a string, several as a list (shared with {@link ResourcePolicy}). */
    static Object oneOrMany(List<String> values) {
        return values.size() == 1 ? values.get(0) : values;
    }
}
