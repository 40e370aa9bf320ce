package dev.pullthrough.module;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the document model as Terraform JSON syntax ({@code *.tf.json}): literals as native JSON values, every
 * other expression as a {@code "${...}"} template holding its HCL form, type constraints as strings, and block
 * comments as {@code "//"} properties. Output is pretty-printed with two-space indents, keys in model order, LF
 * endings and a trailing newline.
 *
 * <p>Which attributes Terraform reads literally (variable {@code default}/{@code description}, the whole
 * {@code terraform} block, ...) is a property of the language, not of the document, so it is encoded here.
 */
public final class JsonRenderer {

    /** Attributes Terraform takes as literal values, not templates, by enclosing block type. */
    private static final Map<String, Set<String>> LITERAL_ATTRIBUTES = Map.of(
            "variable", Set.of("description", "default", "nullable", "sensitive", "ephemeral"),
            "output", Set.of("description", "sensitive", "ephemeral"));

    private JsonRenderer() {
    }

    public static String render(TerraformFile file, String headerComment) {
        Map<String, Object> root = new LinkedHashMap<>();
        if (headerComment != null) {
            root.put("//", headerComment);
        }
        for (Block block : file.blocks()) {
            topLevel(root, block);
        }
        StringBuilder sb = new StringBuilder();
        write(root, sb, 0);
        return sb.append('\n').toString();
    }

    public static String render(TerraformFile file) {
        return render(file, null);
    }

    @SuppressWarnings("unchecked")
    private static void topLevel(Map<String, Object> root, Block block) {
        boolean literal = block.type().equals("terraform");
        Map<String, Object> body = body(block, literal);
        switch (block.labels().size()) {
            case 0 -> {
                Map<String, Object> existing = (Map<String, Object>) root.computeIfAbsent(block.type(), k -> new LinkedHashMap<>());
                for (Map.Entry<String, Object> entry : body.entrySet()) {
                    if (existing.put(entry.getKey(), entry.getValue()) != null) {
                        throw new IllegalArgumentException("duplicate " + block.type() + " entry " + entry.getKey());
                    }
                }
            }
            default -> {
                Map<String, Object> level = (Map<String, Object>) root.computeIfAbsent(block.type(), k -> new LinkedHashMap<>());
                List<String> labels = block.labels();
                for (int i = 0; i < labels.size() - 1; i++) {
                    level = (Map<String, Object>) level.computeIfAbsent(labels.get(i), k -> new LinkedHashMap<>());
                }
                if (level.put(labels.get(labels.size() - 1), body) != null) {
                    throw new IllegalArgumentException("duplicate block " + block.type() + " " + labels);
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(Block block, boolean literal) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (block.comment() != null) {
            out.put("//", block.comment());
        }
        Set<String> literalAttributes = LITERAL_ATTRIBUTES.getOrDefault(block.type(), Set.of());
        Map<String, List<Block>> nested = new LinkedHashMap<>();
        for (BodyItem item : block.body()) {
            if (item instanceof Attribute attribute) {
                Object value;
                if (block.type().equals("variable") && attribute.name().equals("type")) {
                    value = ((TypeConstraint) attribute.value()).compact();
                } else if (attribute.name().equals("depends_on")) {
                    value = references(attribute.value());
                } else if (literal || literalAttributes.contains(attribute.name())) {
                    value = literal(attribute.value());
                } else {
                    value = expression(attribute.value());
                }
                if (out.put(attribute.name(), value) != null) {
                    throw new IllegalArgumentException("duplicate attribute " + attribute.name() + " in " + block.type());
                }
            } else if (item instanceof Block child) {
                if (!nested.containsKey(child.type())) {
                    out.put(child.type(), null); // reserve the position of the first occurrence
                }
                nested.computeIfAbsent(child.type(), k -> new ArrayList<>()).add(child);
            }
        }
        for (Map.Entry<String, List<Block>> group : nested.entrySet()) {
            List<Block> blocks = group.getValue();
            if (blocks.get(0).labels().isEmpty()) {
                List<Object> bodies = new ArrayList<>();
                for (Block b : blocks) {
                    bodies.add(body(b, literal));
                }
                out.put(group.getKey(), bodies.size() == 1 ? bodies.get(0) : bodies);
            } else {
                Map<String, Object> byLabel = new LinkedHashMap<>();
                for (Block b : blocks) {
                    if (b.labels().size() != 1 || byLabel.put(b.labels().get(0), body(b, literal)) != null) {
                        throw new IllegalArgumentException("unsupported nested block labels " + b.labels());
                    }
                }
                out.put(group.getKey(), byLabel);
            }
        }
        return out;
    }

    /** {@code depends_on = [aws_x.y]} becomes {@code ["aws_x.y"]}: references, not templates. */
    private static Object references(Expression value) {
        List<Object> refs = new ArrayList<>();
        for (Expression item : ((Expression.Tuple) value).items()) {
            refs.add(HclRenderer.inline(item));
        }
        return refs;
    }

    private static Object literal(Expression e) {
        if (e instanceof Expression.Str s) {
            return s.value();
        }
        Expression.Template template = e instanceof Expression.Heredoc h ? h.template()
                : e instanceof Expression.Template t ? t : null;
        if (template != null && template.parts().stream().allMatch(String.class::isInstance)) {
            return String.join("", template.parts().stream().map(String.class::cast).toList());
        }
        if (e instanceof Expression.Num n) {
            return new JsonNumber(n.literal());
        }
        if (e instanceof Expression.Bool b) {
            return b.value();
        }
        if (e instanceof Expression.Null) {
            return null;
        }
        if (e instanceof Expression.Tuple t) {
            List<Object> items = new ArrayList<>();
            t.items().forEach(item -> items.add(literal(item)));
            return items;
        }
        if (e instanceof Expression.Obj o) {
            Map<String, Object> map = new LinkedHashMap<>();
            o.entries().forEach((k, v) -> map.put(k, literal(v)));
            return map;
        }
        throw new IllegalArgumentException("Terraform reads this attribute literally; not a literal: " + HclRenderer.inline(e));
    }

    static Object expression(Expression e) {
        if (e instanceof Expression.Str s) {
            return HclRenderer.escapeTemplateSequences(s.value());
        }
        if (e instanceof Expression.Num || e instanceof Expression.Bool || e instanceof Expression.Null) {
            return literal(e);
        }
        if (e instanceof Expression.Tuple t) {
            List<Object> items = new ArrayList<>();
            t.items().forEach(item -> items.add(expression(item)));
            return items;
        }
        if (e instanceof Expression.Obj o) {
            Map<String, Object> map = new LinkedHashMap<>();
            o.entries().forEach((k, v) -> map.put(HclRenderer.escapeTemplateSequences(k), expression(v)));
            return map;
        }
        if (e instanceof Expression.Template t) {
            return HclRenderer.templateBody(t, false);
        }
        if (e instanceof Expression.Heredoc h) {
            return HclRenderer.templateBody(h.template(), false);
        }
        return "${" + HclRenderer.inline(e) + "}";
    }

    /**
     * Plain JSON on one line (maps, lists, strings, numbers, booleans, null), e.g. an expected policy document in a
     * generated test. Written here rather than with Jackson: synthesis stays free of Jackson's start-up cost.
     */
    public static String compact(Object value) {
        StringBuilder sb = new StringBuilder();
        writeCompact(value, sb);
        return sb.toString();
    }

    @SuppressWarnings("unchecked")
    private static void writeCompact(Object value, StringBuilder sb) {
        if (value instanceof Map<?, ?> map) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<String, Object> e : ((Map<String, Object>) map).entrySet()) {
                sb.append(first ? "" : ",");
                string(e.getKey(), sb);
                sb.append(':');
                writeCompact(e.getValue(), sb);
                first = false;
            }
            sb.append('}');
        } else if (value instanceof List<?> list) {
            sb.append('[');
            for (int i = 0; i < list.size(); i++) {
                sb.append(i == 0 ? "" : ",");
                writeCompact(list.get(i), sb);
            }
            sb.append(']');
        } else if (value instanceof Number n) {
            sb.append(n);
        } else {
            write(value, sb, 0);
        }
    }

    // ---- a small, deterministic JSON writer ----

    private record JsonNumber(String literal) {
    }

    @SuppressWarnings("unchecked")
    private static void write(Object value, StringBuilder sb, int indent) {
        if (value == null) {
            sb.append("null");
        } else if (value instanceof String s) {
            string(s, sb);
        } else if (value instanceof Boolean b) {
            sb.append(b);
        } else if (value instanceof JsonNumber n) {
            sb.append(n.literal());
        } else if (value instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                sb.append("{}");
                return;
            }
            sb.append("{\n");
            int i = 0;
            for (Map.Entry<String, Object> entry : ((Map<String, Object>) map).entrySet()) {
                sb.append("  ".repeat(indent + 1));
                string(entry.getKey(), sb);
                sb.append(": ");
                write(entry.getValue(), sb, indent + 1);
                sb.append(++i < map.size() ? ",\n" : "\n");
            }
            sb.append("  ".repeat(indent)).append('}');
        } else if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                sb.append("[]");
                return;
            }
            sb.append("[\n");
            for (int i = 0; i < list.size(); i++) {
                sb.append("  ".repeat(indent + 1));
                write(list.get(i), sb, indent + 1);
                sb.append(i + 1 < list.size() ? ",\n" : "\n");
            }
            sb.append("  ".repeat(indent)).append(']');
        } else {
            throw new IllegalArgumentException("not a JSON value: " + value);
        }
    }

    private static void string(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
