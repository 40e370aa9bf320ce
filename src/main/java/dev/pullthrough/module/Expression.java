package dev.pullthrough.module;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Terraform expression in the document model. Literals stay literals so that the JSON renderer can write native
 * JSON values; everything else is kept as HCL expression text (written in the spacing {@code terraform fmt} uses),
 * which the HCL renderer writes as it is and the JSON renderer wraps in {@code "${...}"}.
 *
 * <p>Instances are immutable; build them with the static factories.
 */
public sealed interface Expression
        permits Expression.Str, Expression.Num, Expression.Bool, Expression.Null, Expression.Template,
        Expression.Raw, Expression.Call, Expression.Tuple, Expression.Obj, Expression.For, Expression.Heredoc,
        TypeConstraint {

    /** A literal string; {@code ${} and {@code %{} in it are escaped by the renderers. */
    static Expression string(String value) {
        return new Str(value);
    }

    static Expression number(long value) {
        return new Num(Long.toString(value));
    }

    static Expression bool(boolean value) {
        return new Bool(value);
    }

    static Expression nullValue() {
        return Null.INSTANCE;
    }

    /** A reference or any other expression written in HCL syntax, e.g. {@code var.rules} or {@code a == b}. */
    static Expression ref(String hcl) {
        return new Raw(List.of(hcl), List.of());
    }

    /**
     * An HCL expression with sub-expressions in it: each {@code %s} in {@code format} is replaced by the rendering of
     * the next argument (in HCL syntax, also in the JSON form, where the whole becomes one interpolation).
     */
    static Expression raw(String format, Expression... args) {
        List<String> pieces = new ArrayList<>();
        int from = 0;
        for (int at = format.indexOf("%s"); at >= 0; at = format.indexOf("%s", from)) {
            pieces.add(format.substring(from, at));
            from = at + 2;
        }
        pieces.add(format.substring(from));
        if (pieces.size() != args.length + 1) {
            throw new IllegalArgumentException(
                    "format has " + (pieces.size() - 1) + " placeholders but " + args.length + " arguments: " + format);
        }
        return new Raw(pieces, List.of(args));
    }

    /** A string template; {@code ${...}} sequences in {@code text} are interpolations of HCL expressions. */
    static Expression template(String text) {
        return Template.parse(text);
    }

    static Expression call(String function, Expression... args) {
        return new Call(function, List.of(args));
    }

    static Expression tuple(Expression... items) {
        return new Tuple(List.of(items), false);
    }

    static Expression tuple(List<? extends Expression> items) {
        return new Tuple(List.copyOf(items), false);
    }

    /** A tuple written one item per line. */
    static Expression tupleMultiline(List<? extends Expression> items) {
        return new Tuple(List.copyOf(items), true);
    }

    static Expression stringList(List<String> values) {
        return tuple(values.stream().map(Expression::string).toList());
    }

    /** An object written one attribute per line (the usual layout for more than one attribute). */
    static ObjectBuilder object() {
        return new ObjectBuilder(false);
    }

    /** An object written on one line, e.g. {@code { type = "expire" }}. */
    static ObjectBuilder inlineObject() {
        return new ObjectBuilder(true);
    }

    /** {@code { for key, value in collection : keyExpr => valueExpr if condition }}. */
    static Expression forObject(String keyVar, String valueVar, Expression collection, Expression key,
            Expression value, Expression condition) {
        return new For(true, keyVar, valueVar, collection, key, value, condition, false);
    }

    /** {@code [for value in collection : valueExpr if condition]}; {@code keyVar} may be null. */
    static Expression forTuple(String keyVar, String valueVar, Expression collection, Expression value,
            Expression condition) {
        return new For(false, keyVar, valueVar, collection, null, value, condition, false);
    }

    /** An indented heredoc ({@code <<-EOT}); the text is a template like {@link #template}. */
    static Expression heredoc(String text) {
        return new Heredoc(Template.parse(text));
    }

    record Str(String value) implements Expression {
        public Str {
            Objects.requireNonNull(value, "value");
        }
    }

    record Num(String literal) implements Expression {
    }

    record Bool(boolean value) implements Expression {
    }

    enum Null implements Expression {
        INSTANCE
    }

    /** Parts are literal strings and interpolated expressions, in order. */
    record Template(List<Object> parts) implements Expression {
        public Template {
            parts = List.copyOf(parts);
            for (Object part : parts) {
                if (!(part instanceof String) && !(part instanceof Expression)) {
                    throw new IllegalArgumentException("template part must be a String or an Expression: " + part);
                }
            }
        }

        static Template parse(String text) {
            List<Object> parts = new ArrayList<>();
            StringBuilder literal = new StringBuilder();
            int i = 0;
            while (i < text.length()) {
                if (text.startsWith("${", i)) {
                    int end = closingBrace(text, i + 2);
                    if (literal.length() > 0) {
                        parts.add(literal.toString());
                        literal.setLength(0);
                    }
                    parts.add(Expression.ref(text.substring(i + 2, end).strip()));
                    i = end + 1;
                } else {
                    literal.append(text.charAt(i));
                    i++;
                }
            }
            if (literal.length() > 0) {
                parts.add(literal.toString());
            }
            return new Template(parts);
        }

        /** Index of the brace closing an interpolation that starts at {@code from}; skips nested strings. */
        private static int closingBrace(String text, int from) {
            int depth = 0;
            boolean inString = false;
            for (int i = from; i < text.length(); i++) {
                char c = text.charAt(i);
                if (inString) {
                    if (c == '\\') {
                        i++;
                    } else if (c == '"') {
                        inString = false;
                    }
                } else if (c == '"') {
                    inString = true;
                } else if (c == '{') {
                    depth++;
                } else if (c == '}') {
                    if (depth == 0) {
                        return i;
                    }
                    depth--;
                }
            }
            throw new IllegalArgumentException("unterminated interpolation in template: " + text);
        }
    }

    /** HCL text pieces with expressions between them: pieces.size() == args.size() + 1. */
    record Raw(List<String> pieces, List<Expression> args) implements Expression {
        public Raw {
            pieces = List.copyOf(pieces);
            args = List.copyOf(args);
        }
    }

    record Call(String function, List<Expression> args) implements Expression {
        public Call {
            args = List.copyOf(args);
        }
    }

    record Tuple(List<Expression> items, boolean multiline) implements Expression {
        public Tuple {
            items = List.copyOf(items);
        }
    }

    /** Keys are written as bare identifiers when they are valid ones, quoted otherwise. */
    record Obj(Map<String, Expression> entries, boolean inline) implements Expression {
        public Obj {
            entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }
    }

    /** {@code multiline} puts the {@code for} clause on its own line even when the value is short. */
    record For(boolean object, String keyVar, String valueVar, Expression collection, Expression key,
            Expression value, Expression condition, boolean multiline) implements Expression {

        public For broken() {
            return new For(object, keyVar, valueVar, collection, key, value, condition, true);
        }
    }

    record Heredoc(Template template) implements Expression {
    }

    /** Builds an {@link Obj}, keeping insertion order. */
    final class ObjectBuilder {
        private final Map<String, Expression> entries = new LinkedHashMap<>();
        private final boolean inline;

        private ObjectBuilder(boolean inline) {
            this.inline = inline;
        }

        public ObjectBuilder put(String key, Expression value) {
            if (entries.putIfAbsent(key, Objects.requireNonNull(value, key)) != null) {
                throw new IllegalArgumentException("duplicate object key: " + key);
            }
            return this;
        }

        public ObjectBuilder put(String key, String literal) {
            return put(key, Expression.string(literal));
        }

        public Obj build() {
            return new Obj(entries, inline);
        }
    }

    /** Convenience for argument lists. */
    static List<Expression> list(Expression... items) {
        return Arrays.asList(items);
    }
}
