package dev.pullthrough.cdktf.codegen;

import dev.pullthrough.cdktf.codegen.SchemaBlock.Field;
import dev.pullthrough.cdktf.codegen.SchemaBlock.Shape;
import dev.pullthrough.cdktf.codegen.TerraformType.Collection;
import dev.pullthrough.cdktf.codegen.TerraformType.Primitive;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Writes the Java source of one binding: an immutable cdktf element with a builder (required arguments checked at
 * build()), typed input echoes, token getters for every attribute, nested blocks and object types as records, and
 * the synthesizeAttributes mapping. The runtime pieces it calls (Attributes, Meta, Required, TerraformBlock) are
 * written by hand in the target package.
 */
final class BindingRenderer {
    static final String GENERATOR_NOTE = "Generated from the hashicorp/aws %s provider schema (src/codegen) by"
            + " BindingsGenerator.\n// Do not edit: change src/codegen/aws-bindings.list and run bin/generate-bindings.";
    private static final Set<String> BUILDER_METHODS = Set.of("create", "provider", "dependsOn", "build");

    private final String packageName;
    private final String providerVersion;

    BindingRenderer(String packageName, String providerVersion) {
        this.packageName = packageName;
        this.providerVersion = providerVersion;
    }

    String render(BindingSpec spec, SchemaBlock schema) {
        String cls = spec.className();
        String base = spec.dataSource() ? "TerraformDataSource" : "TerraformResource";
        List<Field> inputs = schema.fields().stream().filter(f -> f.settable() && !f.name().equals("id")).toList();
        Set<String> reservedGetters = inheritedGetters(spec.dataSource());

        Lines body = new Lines();
        body.add("public static final String TF_RESOURCE_TYPE = \"%s\";", spec.terraformType()).blank();
        for (Field f : inputs) {
            body.add("private final %s %s;", javaType(f), JavaNames.camel(f.name()));
        }
        body.blankIf(!inputs.isEmpty());
        body.add("private %s(Builder b) {", cls);
        body.add("    super(b.scope, b.id, b.meta.config(TF_RESOURCE_TYPE));");
        for (Field f : inputs) {
            body.add("    this.%1$s = b.%1$s;", JavaNames.camel(f.name()));
        }
        body.add("}").blank();
        body.add("@Override");
        body.add("protected Map<String, Object> synthesizeAttributes() {");
        synthesize(body, inputs, "    ");
        body.add("}");
        for (Field f : inputs) {
            body.blank();
            doc(body, f, "The value given to the builder, or null.");
            body.add("public %s get%sInput() {", javaType(f), JavaNames.pascal(f.name()));
            body.add("    return %s;", JavaNames.camel(f.name()));
            body.add("}");
        }
        for (Field f : schema.fields()) {
            String getter = "get" + JavaNames.pascal(f.name());
            if (reservedGetters.contains(getter)) {
                getter += "Attribute";
            }
            String[] token = tokenAccess(f);
            body.blank();
            doc(body, f, "A token for the {@code " + f.name() + "} the plan or state has.");
            body.add("public %s %s() {", token[0], getter);
            body.add("    return %s(\"%s\");", token[1], f.name());
            body.add("}");
        }
        String where = "TF_RESOURCE_TYPE + \" \\\"\" + id + \"\\\"\"";
        records(body, schema.fields(), spec.terraformType());
        body.blank();
        body.add("public static final class Builder {");
        body.add("    private final Construct scope;");
        body.add("    private final String id;");
        body.add("    private final Meta meta = new Meta();");
        for (Field f : inputs) {
            body.add("    private %s %s;", javaType(f), JavaNames.camel(f.name()));
        }
        body.blank();
        body.add("    private Builder(Construct scope, String id) {");
        body.add("        this.scope = Objects.requireNonNull(scope, \"scope\");");
        body.add("        this.id = Objects.requireNonNull(id, \"id\");");
        body.add("    }").blank();
        body.add("    public static Builder create(Construct scope, String id) {");
        body.add("        return new Builder(scope, id);");
        body.add("    }");
        setters(body, inputs, "    ", BUILDER_METHODS);
        body.blank();
        body.add("    public Builder provider(TerraformProvider value) {");
        body.add("        meta.provider(value);");
        body.add("        return this;");
        body.add("    }").blank();
        body.add("    public Builder dependsOn(List<? extends ITerraformDependable> value) {");
        body.add("        meta.dependsOn(value);");
        body.add("        return this;");
        body.add("    }").blank();
        body.add("    public %s build() {", cls);
        requiredChecks(body, inputs, where, "        ", "");
        body.add("        return new %s(this);", cls);
        body.add("    }");
        body.add("}");

        Lines file = new Lines();
        file.add("// " + GENERATOR_NOTE.formatted(providerVersion)).add("package %s;", packageName).blank();
        Set<String> imports = new TreeSet<>(List.of("com.hashicorp.cdktf.ITerraformDependable",
                "com.hashicorp.cdktf.TerraformProvider", "com.hashicorp.cdktf." + base, "java.util.List",
                "java.util.Map", "java.util.Objects", "software.constructs.Construct"));
        if (body.text().contains("IResolvable")) {
            imports.add("com.hashicorp.cdktf.IResolvable");
        }
        imports.forEach(i -> file.add("import %s;", i));
        file.blank();
        List<String> classDoc = new ArrayList<>(List.of("Binding for the " + spec.kind() + " {@code "
                + spec.terraformType() + "} (hashicorp/aws " + providerVersion + ")."));
        if (!schema.description().isBlank()) {
            classDoc.add(JavaNames.javadocText(schema.description()));
        }
        javadoc(file, String.join(" ", classDoc), "");
        if (schema.deprecated()) {
            file.add("@Deprecated");
        }
        file.add("public final class %s extends %s {", cls, base);
        file.addIndented(body, "    ");
        file.add("}");
        return file.text();
    }

    /** Records for nested blocks and object types, each with a builder and its own required checks. */
    private void records(Lines out, List<Field> fields, String path) {
        for (Field f : fields) {
            if (!f.isRecord() || !f.settable()) {
                continue;
            }
            String rec = JavaNames.pascal(f.name());
            String where = path + (f.block() ? " block " : " attribute ") + f.name();
            List<Field> inputs = f.nested().fields().stream().filter(Field::settable).toList();
            Lines r = new Lines();
            List<String> components = inputs.stream()
                    .map(c -> (c.deprecated() ? "@Deprecated " : "") + javaType(c) + " " + JavaNames.camel(c.name()))
                    .toList();
            Lines checks = new Lines();
            requiredChecks(checks, inputs, "\"" + where + "\"", "", "");
            for (Field c : inputs) {
                String copy = copyOf(c, JavaNames.camel(c.name()));
                if (!copy.equals(JavaNames.camel(c.name()))) {
                    checks.add("%s = %s;", JavaNames.camel(c.name()), copy);
                }
            }
            if (!checks.lines.isEmpty()) {
                r.add("/** Checks required arguments and copies collections, so a record built directly is as safe. */");
                r.add("public %s {", rec).addIndented(checks, "    ").add("}").blank();
            }
            r.add("public static Builder builder() {");
            r.add("    return new Builder();");
            r.add("}").blank();
            r.add("@Override");
            r.add("public Map<String, Object> toTerraform() {");
            synthesize(r, inputs, "    ");
            r.add("}");
            if (inputs.stream().anyMatch(Field::sensitive)) {
                r.blank().add("/** Sensitive values are never printed. */").add("@Override");
                r.add("public String toString() {");
                r.add("    return \"%s[%s]\";", rec, inputs.stream()
                        .map(c -> JavaNames.camel(c.name()) + "=" + (c.sensitive() ? "***"
                                : "\" + " + JavaNames.camel(c.name()) + " + \""))
                        .collect(Collectors.joining(", ")));
                r.add("}");
            }
            records(r, f.nested().fields(), where);
            r.blank().add("public static final class Builder {");
            for (Field c : inputs) {
                r.add("    private %s %s;", javaType(c), JavaNames.camel(c.name()));
            }
            setters(r, inputs, "    ", Set.of("build"));
            r.blank().add("    public %s build() {", rec);
            r.add("        return new %s(%s);", rec,
                    inputs.stream().map(c -> JavaNames.camel(c.name())).collect(Collectors.joining(", ")));
            r.add("    }");
            r.add("}");

            out.blank();
            String doc = (f.block() ? "Block" : "Object") + " {@code " + f.name() + "} of {@code " + path + "}.";
            javadoc(out, f.description().isBlank() ? doc : doc + " " + JavaNames.javadocText(f.description()), "");
            String header = "public record %s(%s) implements TerraformBlock {";
            if (header.length() + String.join(", ", components).length() > 110) {
                out.add("public record %s(", rec);
                for (int i = 0; i < components.size(); i++) {
                    out.add("        " + components.get(i) + (i < components.size() - 1 ? "," : ") implements TerraformBlock {"));
                }
            } else {
                out.add(header, rec, String.join(", ", components));
            }
            out.addIndented(r, "    ");
            out.add("}");
        }
    }

    /** Builder setters; {@code reserved} are the names the builder has already (the resource builder's create etc.). */
    private void setters(Lines out, List<Field> inputs, String indent, Set<String> reserved) {
        for (Field f : inputs) {
            String name = JavaNames.camel(f.name());
            String method = reserved.contains(name) ? name + "Attribute" : name;
            List<String> params = isBool(f) ? List.of("Boolean", "IResolvable") : List.of(javaType(f));
            if (f.isRecord() && f.shape() == Shape.LIST_OF_ONE) {
                params = List.of(recordName(f));
            }
            for (String param : params) {
                out.blank();
                Lines doc = new Lines();
                doc(doc, f, f.required() ? "Required." : "");
                out.addIndented(doc, indent);
                out.add(indent + "public Builder %s(%s value) {", method, param);
                out.add(indent + "    this.%s = %s;", name, copyOf(f, "value"));
                out.add(indent + "    return this;");
                out.add(indent + "}");
            }
        }
    }

    private static void synthesize(Lines out, List<Field> inputs, String indent) {
        out.add(indent + "return Attributes.create()");
        for (Field f : inputs) {
            String name = JavaNames.camel(f.name());
            String value = f.isRecord() && f.shape() == Shape.LIST_OF_ONE
                    ? name + " == null ? null : List.of(" + name + ")" : name;
            out.add(indent + "        .put(\"%s\", %s)", f.name(), value);
        }
        out.add(indent + "        .toMap();");
    }

    private static void requiredChecks(Lines out, List<Field> inputs, String where, String indent, String prefix) {
        for (Field f : inputs) {
            if (f.required()) {
                out.add(indent + "Required.check(%s, \"%s\", %s%s);", where, f.name(), prefix, JavaNames.camel(f.name()));
            }
        }
    }

    /** Lists and maps are copied (maps sorted, so output does not depend on the caller's map type). */
    private static String copyOf(Field f, String value) {
        String type = javaType(f);
        if (type.startsWith("List<")) {
            return value + " == null ? null : List.copyOf(" + value + ")";
        }
        if (type.startsWith("Map<")) {
            return "Attributes.sorted(" + value + ")";
        }
        return value;
    }

    private void doc(Lines out, Field f, String lead) {
        List<String> parts = new ArrayList<>();
        if (!lead.isBlank()) {
            parts.add(lead);
        }
        if (!f.description().isBlank()) {
            parts.add(JavaNames.javadocText(f.description()));
        }
        if (f.sensitive()) {
            parts.add("Sensitive: Terraform hides it in plans; never log it.");
        }
        if (f.deprecated()) {
            parts.add("Deprecated in the provider schema.");
        }
        if (!parts.isEmpty()) {
            javadoc(out, String.join(" ", parts), "");
        }
        if (f.deprecated()) {
            out.add("@Deprecated");
        }
    }

    private static void javadoc(Lines out, String text, String indent) {
        List<String> lines = wrap(text, 112 - indent.length());
        if (lines.size() == 1) {
            out.add(indent + "/** " + lines.get(0) + " */");
            return;
        }
        out.add(indent + "/**");
        lines.forEach(l -> out.add(indent + " * " + l));
        out.add(indent + " */");
    }

    private static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() > 0 ? " " : "").append(word);
        }
        lines.add(line.toString());
        return lines;
    }

    private static boolean isBool(Field f) {
        return f.type() instanceof Primitive p && p.name().equals("bool");
    }

    private static String recordName(Field f) {
        return JavaNames.pascal(f.name());
    }

    /** Booleans (and dynamic values) are Objects, so a token (IResolvable) fits where a literal does. */
    static String javaType(Field f) {
        if (f.isRecord()) {
            return f.shape() == Shape.LIST ? "List<" + recordName(f) + ">" : recordName(f);
        }
        return javaType(f.type());
    }

    private static String javaType(TerraformType type) {
        if (type instanceof Primitive p) {
            return switch (p.name()) {
                case "string" -> "String";
                case "number" -> "Number";
                default -> "Object";
            };
        }
        Collection c = (Collection) type;
        return c.isMap() ? "Map<String, " + javaType(c.element()) + ">" : "List<" + javaType(c.element()) + ">";
    }

    /** The getter's type and the cdktf call that makes the token; anything else is a whole-value interpolation. */
    private static String[] tokenAccess(Field f) {
        String element = f.type() instanceof Collection c && c.element() instanceof Primitive p ? p.name() : "";
        if (f.type() instanceof Primitive p) {
            return switch (p.name()) {
                case "string" -> new String[] {"String", "getStringAttribute"};
                case "number" -> new String[] {"Number", "getNumberAttribute"};
                case "bool" -> new String[] {"IResolvable", "getBooleanAttribute"};
                default -> new String[] {"IResolvable", "interpolationForAttribute"};
            };
        }
        if (f.type() instanceof Collection c && !c.isMap()) {
            switch (element) {
                case "string": return new String[] {"List<String>", "getListAttribute"};
                case "number": return new String[] {"List<Number>", "getNumberListAttribute"};
                default: break;
            }
        }
        if (f.type() instanceof Collection c && c.isMap()) {
            switch (element) {
                case "string": return new String[] {"Map<String, String>", "getStringMapAttribute"};
                case "number": return new String[] {"Map<String, Number>", "getNumberMapAttribute"};
                case "bool": return new String[] {"Map<String, Boolean>", "getBooleanMapAttribute"};
                default: break;
            }
        }
        return new String[] {"IResolvable", "interpolationForAttribute"};
    }

    /** Getters the cdktf base class already has (getCount, getProvider, ...): an attribute of that name gets a suffix. */
    private static Set<String> inheritedGetters(boolean dataSource) {
        Set<String> names = new TreeSet<>();
        Class<?> base = dataSource ? com.hashicorp.cdktf.TerraformDataSource.class
                : com.hashicorp.cdktf.TerraformResource.class;
        for (Method m : base.getMethods()) {
            if (m.getParameterCount() == 0 && !Modifier.isStatic(m.getModifiers())) {
                names.add(m.getName());
            }
        }
        return names;
    }

    /** Source lines with indentation; blank lines stay empty. */
    static final class Lines {
        private final List<String> lines = new ArrayList<>();

        Lines add(String format, Object... args) {
            lines.add(args.length == 0 ? format : format.formatted(args));
            return this;
        }

        Lines blank() {
            lines.add("");
            return this;
        }

        Lines blankIf(boolean condition) {
            return condition ? blank() : this;
        }

        Lines addIndented(Lines other, String indent) {
            other.lines.forEach(l -> lines.add(l.isEmpty() ? "" : indent + l));
            return this;
        }

        String text() {
            return String.join("\n", lines).replaceAll("(?m)[ \t]+$", "") + "\n";
        }
    }
}
