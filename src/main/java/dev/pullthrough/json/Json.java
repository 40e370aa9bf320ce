package dev.pullthrough.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;

/**
 * The project's one Jackson configuration, for every layer: a leaf package below {@code model} (which stays free of
 * Jackson) that depends on nothing of ours, so the hook can use it too.
 *
 * <p>Reading is strict: duplicate keys and trailing tokens are errors, numbers keep their exact text (a daemon.json
 * written back must not turn {@code 1.0} into {@code 1}), nesting is capped at {@link #MAX_NESTING_DEPTH} (no file we
 * read is deeper; a deeper one is the wrong file). Writing keeps the order of the map it is given, and pretty output
 * is {@code "key": value} with one array element per line and a final newline.
 */
public final class Json {
    public static final int MAX_NESTING_DEPTH = 100;

    public static final ObjectMapper STRICT = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private Json() {
    }

    /** One line, no spaces: {@code {"a":[1,2]}}. */
    public static String compact(Object value) {
        try {
            return STRICT.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON value: " + value, e);
        }
    }

    /** Pretty with {@code indent} per level, {@code "key": value}, empty containers as {@code {}}/{@code []}; no final newline. */
    public static String pretty(Object value, String indent) {
        DefaultIndenter indenter = new DefaultIndenter(indent, "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                        .withObjectEmptySeparator("")
                        .withArrayEmptySeparator(""));
        printer.indentObjectsWith(indenter);
        printer.indentArraysWith(indenter);
        try {
            return STRICT.writer(printer).writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON value: " + value, e);
        }
    }

    /** {@link #pretty} plus a final newline, as UTF-8 bytes: the form of a file. */
    public static byte[] prettyFile(Object value, String indent) {
        return (pretty(value, indent) + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
