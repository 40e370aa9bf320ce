package dev.pullthrough.cli.images;

import java.util.Map;
import java.util.Optional;

/**
 * Shell-style variable expansion as Dockerfiles, compose files and GitLab CI do it: {@code $VAR}, {@code ${VAR}},
 * {@code ${VAR:-default}}, {@code ${VAR-default}}, {@code ${VAR:+alt}}, {@code ${VAR+alt}}, and {@code $$} for a
 * literal dollar. A variable without a known value makes the whole text unresolved: we never guess.
 *
 * @param text the expanded text, when every variable had a value (or a default in the text)
 * @param unresolved what could not be resolved ({@code $BASE}), when not
 */
public record Expansion(Optional<String> text, Optional<String> unresolved) {
    public static Expansion resolved(String text) {
        return new Expansion(Optional.of(text), Optional.empty());
    }

    public static Expansion unresolvedBy(String why) {
        return new Expansion(Optional.empty(), Optional.of(why));
    }

    public boolean isResolved() {
        return text.isPresent();
    }

    /** Expands {@code input} with {@code values}; a variable present with a null value counts as declared but unset. */
    public static Expansion expand(String input, Map<String, String> values) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < input.length()) {
            char c = input.charAt(i);
            if (c != '$' || i + 1 >= input.length()) {
                out.append(c);
                i++;
                continue;
            }
            char next = input.charAt(i + 1);
            if (next == '$') {
                out.append('$');
                i += 2;
            } else if (next == '{') {
                int close = input.indexOf('}', i + 2);
                if (close < 0) {
                    return unresolvedBy("unterminated ${ in \"" + input + "\"");
                }
                String body = input.substring(i + 2, close);
                Optional<String> value = braced(body, values);
                if (value.isEmpty()) {
                    return unresolvedBy("no value for ${" + body + "}");
                }
                out.append(value.get());
                i = close + 1;
            } else if (Character.isLetter(next) || next == '_') {
                int end = i + 1;
                while (end < input.length() && (Character.isLetterOrDigit(input.charAt(end)) || input.charAt(end) == '_')) {
                    end++;
                }
                String name = input.substring(i + 1, end);
                String value = values.get(name);
                if (value == null) {
                    return unresolvedBy("no value for $" + name);
                }
                out.append(value);
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return resolved(out.toString());
    }

    private static Optional<String> braced(String body, Map<String, String> values) {
        int op = indexOfOperator(body);
        if (op < 0) {
            return Optional.ofNullable(values.get(body));
        }
        String name = body.substring(0, op);
        boolean colon = body.charAt(op) == ':';
        char kind = body.charAt(colon ? op + 1 : op);
        String word = body.substring(colon ? op + 2 : op + 1);
        String value = values.get(name);
        boolean set = colon ? value != null && !value.isEmpty() : value != null;
        return switch (kind) {
            case '-' -> Optional.of(set ? value : word);
            case '+' -> Optional.of(set ? word : "");
            // ${VAR:?error} and ${VAR?error}: the value when set; otherwise the build fails, so nothing to report.
            case '?' -> Optional.ofNullable(set ? value : null);
            default -> Optional.empty();
        };
    }

    private static int indexOfOperator(String body) {
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == ':' && i + 1 < body.length() && "-+?".indexOf(body.charAt(i + 1)) >= 0) {
                return i;
            }
            if ("-+?".indexOf(c) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
