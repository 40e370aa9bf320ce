package dev.pullthrough.module;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes the document model as idiomatic HCL, byte-identical to what {@code terraform fmt} makes of it: two-space
 * indents per bracket level, {@code =} aligned across consecutive one-line attributes (a heredoc attribute counts as
 * one line), one blank line between top-level blocks, LF endings and a trailing newline.
 *
 * <p>Alignment follows fmt's rule rather than a guess at it: an attribute whose value opens brackets it does not
 * close on the same line ({@code x = jsonencode({}) ends the run; blank lines, block headers and closing brackets
 * end it too.
 */
public final class HclRenderer {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
    private static final java.util.Set<String> KEYWORDS = java.util.Set.of("for", "in", "if", "null", "true", "false");

    private HclRenderer() {
    }

    /** A whole file, starting with {@code header} as {@code #} comment lines when it is not null. */
    public static String render(TerraformFile file, String header) {
        Writer w = new Writer();
        if (header != null) {
            comment(w, header);
            w.newline();
        }
        boolean first = true;
        for (Block block : file.blocks()) {
            if (!first) {
                w.newline();
            }
            first = false;
            block(w, block);
        }
        return w.finish();
    }

    public static String render(TerraformFile file) {
        return render(file, null);
    }

    /** One expression on one line (objects as {@code { a = 1, b = 2 }}, heredocs as quoted strings). */
    public static String inline(Expression e) {
        StringBuilder sb = new StringBuilder();
        inline(e, sb);
        return sb.toString();
    }

    /** {@code "text"} with HCL escapes, including {@code $${} and {@code %%{} so nothing is interpolated. */
    public static String quote(String text) {
        return "\"" + escapeLiteral(text, true) + "\"";
    }

    // ---- blocks ----

    private static void comment(Writer w, String text) {
        for (String line : text.split("\n", -1)) {
            w.write(line.isEmpty() ? "#" : "# " + line);
            w.newline();
        }
    }

    private static void block(Writer w, Block block) {
        if (block.comment() != null) {
            comment(w, block.comment());
        }
        StringBuilder header = new StringBuilder(block.type());
        for (String label : block.labels()) {
            header.append(' ').append(quote(label));
        }
        if (block.body().isEmpty()) {
            w.write(header + " {}");
            w.newline();
            return;
        }
        w.write(header + " {");
        w.indent();
        w.newline();
        body(w, block.body());
        w.dedent();
        w.write("}");
        w.newline();
    }

    private static void body(Writer w, List<BodyItem> items) {
        BodyItem previous = null;
        for (BodyItem item : items) {
            if (item instanceof BodyItem.BlankLine) {
                if (previous != null && !(previous instanceof BodyItem.BlankLine)) {
                    w.newline();
                }
            } else if (item instanceof Block nested) {
                if (previous != null && !(previous instanceof BodyItem.BlankLine)) {
                    w.newline();
                }
                block(w, nested);
            } else if (item instanceof Attribute attribute) {
                if (previous instanceof Block) {
                    w.newline();
                }
                attribute(w, attribute.name(), attribute.value());
            } else if (item instanceof BodyItem.Comment remark) {
                if (previous instanceof Block) {
                    w.newline();
                }
                // A comment line is not an attribute: it ends a run of aligned '=', as in fmt.
                comment(w, remark.text());
            }
            previous = item;
        }
    }

    private static void attribute(Writer w, String key, Expression value) {
        int lineIndex = w.lines.size();
        w.startAssign(key);
        expression(w, value);
        boolean oneLine = w.lines.size() == lineIndex || value instanceof Expression.Heredoc;
        if (!oneLine) {
            w.lines.get(lineIndex).unalign();
        }
        w.newline();
    }

    // ---- expressions, possibly over several lines ----

    static boolean multiline(Expression e) {
        if (e instanceof Expression.Obj o) {
            return !o.entries().isEmpty() && (!o.inline() || o.entries().values().stream().anyMatch(HclRenderer::multiline));
        }
        if (e instanceof Expression.Tuple t) {
            return !t.items().isEmpty() && (t.multiline() || t.items().stream().anyMatch(HclRenderer::multiline));
        }
        if (e instanceof Expression.Call c) {
            return c.args().stream().anyMatch(HclRenderer::multiline);
        }
        if (e instanceof Expression.Raw r) {
            return r.args().stream().anyMatch(HclRenderer::multiline);
        }
        if (e instanceof Expression.For f) {
            return f.multiline() || multiline(f.value()) || multiline(f.collection());
        }
        if (e instanceof TypeConstraint.ObjectType) {
            return true;
        }
        if (e instanceof TypeConstraint.Collection c) {
            return multiline(c.element());
        }
        return e instanceof Expression.Heredoc;
    }

    private static void expression(Writer w, Expression e) {
        if (!multiline(e)) {
            w.write(inline(e));
        } else if (e instanceof Expression.Obj o) {
            w.write("{");
            w.indent();
            w.newline();
            for (Map.Entry<String, Expression> entry : o.entries().entrySet()) {
                attribute(w, key(entry.getKey()), entry.getValue());
            }
            w.dedent();
            w.write("}");
        } else if (e instanceof Expression.Tuple t) {
            w.write("[");
            w.indent();
            w.newline();
            for (Expression item : t.items()) {
                expression(w, item);
                w.write(",");
                w.newline();
            }
            w.dedent();
            w.write("]");
        } else if (e instanceof Expression.Call c) {
            call(w, c);
        } else if (e instanceof Expression.Raw r) {
            for (int i = 0; i < r.args().size(); i++) {
                w.write(r.pieces().get(i));
                expression(w, r.args().get(i));
            }
            w.write(r.pieces().get(r.pieces().size() - 1));
        } else if (e instanceof Expression.For f) {
            w.write(f.object() ? "{" : "[");
            w.indent();
            w.newline();
            if (multiline(f.collection())) {
                // for key, rule in {
                //   ...
                // } : value
                w.write("for " + (f.keyVar() != null ? f.keyVar() + ", " : "") + f.valueVar() + " in ");
                expression(w, f.collection());
                w.write(" : " + (f.object() ? inline(f.key()) + " => " : ""));
            } else {
                w.write(forHead(f));
            }
            if (multiline(f.value())) {
                expression(w, f.value());
            } else {
                w.write(inline(f.value()));
            }
            if (f.condition() != null) {
                w.write(" if " + inline(f.condition()));
            }
            w.newline();
            w.dedent();
            w.write(f.object() ? "}" : "]");
        } else if (e instanceof Expression.Heredoc h) {
            heredoc(w, h);
        } else if (e instanceof TypeConstraint.Collection c) {
            w.write(c.kind() + "(");
            expression(w, c.element());
            w.write(")");
        } else if (e instanceof TypeConstraint.ObjectType o) {
            w.write("object({");
            w.indent();
            w.newline();
            for (TypeConstraint.Field field : o.fields()) {
                w.startAssign(field.name());
                w.write(TypeConstraint.fieldType(field));
                w.newline();
            }
            w.dedent();
            w.write("})");
        } else {
            throw new IllegalStateException("no multi-line form for " + e);
        }
    }

    private static void call(Writer w, Expression.Call c) {
        List<Expression> args = c.args();
        long multi = args.stream().filter(HclRenderer::multiline).count();
        boolean lastOnly = multi == 1 && multiline(args.get(args.size() - 1));
        w.write(c.function() + "(");
        if (lastOnly) {
            for (int i = 0; i < args.size() - 1; i++) {
                w.write(inline(args.get(i)) + ", ");
            }
            expression(w, args.get(args.size() - 1));
            w.write(")");
            return;
        }
        w.indent();
        w.newline();
        for (int i = 0; i < args.size(); i++) {
            expression(w, args.get(i));
            if (i < args.size() - 1) {
                w.write(",");
            }
            w.newline();
        }
        w.dedent();
        w.write(")");
    }

    private static void heredoc(Writer w, Expression.Heredoc h) {
        String marker = "EOT";
        String text = templateBody(h.template(), false);
        if (text.endsWith("\n")) {
            text = text.substring(0, text.length() - 1);
        }
        w.write("<<-" + marker);
        int contentIndent = w.indentOfCurrentLine() + 1;
        w.newline();
        for (String line : text.split("\n", -1)) {
            w.verbatim(line.isEmpty() ? "" : "  ".repeat(contentIndent) + line);
        }
        w.closeVerbatim("  ".repeat(contentIndent - 1) + marker);
    }

    // ---- single-line rendering ----

    private static void inline(Expression e, StringBuilder sb) {
        if (e instanceof Expression.Str s) {
            sb.append(quote(s.value()));
        } else if (e instanceof Expression.Num n) {
            sb.append(n.literal());
        } else if (e instanceof Expression.Bool b) {
            sb.append(b.value());
        } else if (e instanceof Expression.Null) {
            sb.append("null");
        } else if (e instanceof Expression.Template t) {
            sb.append('"').append(templateBody(t, true)).append('"');
        } else if (e instanceof Expression.Heredoc h) {
            sb.append('"').append(templateBody(h.template(), true)).append('"');
        } else if (e instanceof Expression.Raw r) {
            for (int i = 0; i < r.args().size(); i++) {
                sb.append(r.pieces().get(i));
                inline(r.args().get(i), sb);
            }
            sb.append(r.pieces().get(r.pieces().size() - 1));
        } else if (e instanceof Expression.Call c) {
            sb.append(c.function()).append('(');
            join(c.args(), sb);
            sb.append(')');
        } else if (e instanceof Expression.Tuple t) {
            sb.append('[');
            join(t.items(), sb);
            sb.append(']');
        } else if (e instanceof Expression.Obj o) {
            if (o.entries().isEmpty()) {
                sb.append("{}");
                return;
            }
            sb.append("{ ");
            boolean first = true;
            for (Map.Entry<String, Expression> entry : o.entries().entrySet()) {
                sb.append(first ? "" : ", ").append(key(entry.getKey())).append(" = ");
                inline(entry.getValue(), sb);
                first = false;
            }
            sb.append(" }");
        } else if (e instanceof Expression.For f) {
            sb.append(f.object() ? "{ " : "[").append(forHead(f));
            inline(f.value(), sb);
            if (f.condition() != null) {
                sb.append(" if ");
                inline(f.condition(), sb);
            }
            sb.append(f.object() ? " }" : "]");
        } else if (e instanceof TypeConstraint t) {
            sb.append(t.compact());
        } else {
            throw new IllegalStateException("unknown expression " + e);
        }
    }

    private static String forHead(Expression.For f) {
        StringBuilder sb = new StringBuilder("for ");
        if (f.keyVar() != null) {
            sb.append(f.keyVar()).append(", ");
        }
        sb.append(f.valueVar()).append(" in ").append(inline(f.collection())).append(" : ");
        if (f.object()) {
            sb.append(inline(f.key())).append(" => ");
        }
        return sb.toString();
    }

    private static void join(List<Expression> items, StringBuilder sb) {
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            inline(items.get(i), sb);
        }
    }

    static String key(String name) {
        return IDENTIFIER.matcher(name).matches() && !KEYWORDS.contains(name) ? name : quote(name);
    }

    /** Template text between the quotes (or heredoc markers); literal parts escaped, interpolations kept. */
    static String templateBody(Expression.Template t, boolean quoted) {
        StringBuilder sb = new StringBuilder();
        for (Object part : t.parts()) {
            if (part instanceof String literal) {
                sb.append(quoted ? escapeLiteral(literal, true) : escapeTemplateSequences(literal));
            } else {
                sb.append("${").append(inline((Expression) part)).append('}');
            }
        }
        return sb.toString();
    }

    private static String escapeLiteral(String text, boolean templateSequences) {
        StringBuilder sb = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format(java.util.Locale.ROOT, "\\u%04X", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return templateSequences ? escapeTemplateSequences(sb.toString()) : sb.toString();
    }

    /** {@code ${} -> {@code $${}, {@code %{} -> {@code %%{}: the text is taken literally by Terraform. */
    static String escapeTemplateSequences(String text) {
        return text.replace("${", "$${").replace("%{", "%%{");
    }

    // ---- line buffer with fmt's alignment pass ----

    /** Collects lines, then aligns runs of one-line attributes the way fmt does. */
    private static final class Writer {
        final List<Line> lines = new ArrayList<>();
        private StringBuilder current = new StringBuilder();
        private String currentKey;
        private boolean currentVerbatim;
        private int level;
        private int currentIndent;

        void write(String text) {
            current.append(text);
        }

        void startAssign(String key) {
            currentKey = key;
        }

        int indentOfCurrentLine() {
            return currentIndent;
        }

        void indent() {
            level++;
        }

        void dedent() {
            level--;
            if (current.isEmpty() && currentKey == null) {
                currentIndent = level;
            }
        }

        void newline() {
            lines.add(new Line(currentIndent, currentKey, current.toString(), currentVerbatim));
            current = new StringBuilder();
            currentKey = null;
            currentVerbatim = false;
            currentIndent = level;
        }

        void verbatim(String text) {
            lines.add(new Line(0, null, text, true));
        }

        /** The heredoc end marker: written as is, and transparent to alignment like the content. */
        void closeVerbatim(String text) {
            current.append(text);
            currentVerbatim = true;
            currentIndent = 0;
        }

        String finish() {
            if (!current.isEmpty() || currentKey != null) {
                newline();
            }
            align();
            StringBuilder out = new StringBuilder();
            for (Line line : lines) {
                out.append(line.render()).append('\n');
            }
            // The last newline() of a file leaves exactly one trailing LF.
            return out.toString();
        }

        private void align() {
            int start = -1;
            int width = 0;
            for (int i = 0; i <= lines.size(); i++) {
                Line line = i < lines.size() ? lines.get(i) : null;
                if (line != null && line.verbatim) {
                    continue;
                }
                if (line != null && line.key != null) {
                    if (start < 0) {
                        start = i;
                        width = 0;
                    }
                    width = Math.max(width, line.key.length());
                } else if (start >= 0) {
                    for (int j = start; j < i; j++) {
                        lines.get(j).width = width;
                    }
                    start = -1;
                }
            }
        }
    }

    private static final class Line {
        final int indent;
        String key;
        String text;
        final boolean verbatim;
        int width;

        Line(int indent, String key, String text, boolean verbatim) {
            this.indent = indent;
            this.key = key;
            this.text = text;
            this.verbatim = verbatim;
        }

        /** An attribute whose value spans lines: not part of an alignment run. */
        void unalign() {
            if (key != null) {
                text = key + " = " + text;
                key = null;
            }
        }

        String render() {
            if (verbatim) {
                return text;
            }
            String content = key == null ? text : key + " ".repeat(width - key.length()) + " = " + text;
            return content.isEmpty() ? "" : "  ".repeat(indent) + content;
        }
    }
}
