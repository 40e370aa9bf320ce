package dev.pullthrough.module;

import com.fasterxml.jackson.databind.util.RawValue;
import dev.pullthrough.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the document model as Terraform JSON syntax ({@code *.tf.json}): literals as native JSON values, every
 * other expression as a {@code "${...}"} template holding its HCL form, type constraints as strings, and block
 * comments as {@code "//"} properties. This class decides what each piece of the model becomes; the project's one
 * Jackson configuration ({@link Json#pretty}) writes it: two-space indents, keys in model order, LF endings, and a
 * trailing newline.
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
        return Json.pretty(root, "  ") + "\n";
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
        String comment = comment(block);
        if (comment != null) {
            out.put("//", comment);
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

    /** The block's comment, then a line {@code <attribute>: <text>} per commented attribute; null when none. */
    private static String comment(Block block) {
        List<String> lines = new ArrayList<>();
        if (block.comment() != null) {
            lines.add(block.comment());
        }
        BodyItem.Comment pending = null;
        for (BodyItem item : block.body()) {
            if (item instanceof BodyItem.Comment remark) {
                pending = remark;
            } else if (item instanceof Attribute attribute && pending != null) {
                lines.add(attribute.name() + ": " + pending.text());
                pending = null;
            }
        }
        return lines.isEmpty() ? null : String.join("\n", lines);
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
            return new RawValue(n.literal()); // the number as written in the model (1.0 stays 1.0)
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

    /** Plain JSON on one line (maps, lists, strings, numbers, booleans, null), e.g. an expected policy document in a generated test. */
    public static String compact(Object value) {
        return Json.compact(value);
    }
}
