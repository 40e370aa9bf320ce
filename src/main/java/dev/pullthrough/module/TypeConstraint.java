package dev.pullthrough.module;

import java.util.List;
import java.util.Objects;

/**
 * A Terraform type constraint ({@code string}, {@code map(object({...}))}, {@code optional(string, "x")}). In HCL it
 * is written as an expression; in Terraform JSON as a string holding the same expression.
 */
public sealed interface TypeConstraint extends Expression
        permits TypeConstraint.Primitive, TypeConstraint.Collection, TypeConstraint.ObjectType {

    TypeConstraint STRING = new Primitive("string");
    TypeConstraint NUMBER = new Primitive("number");
    TypeConstraint BOOL = new Primitive("bool");
    TypeConstraint ANY = new Primitive("any");

    static TypeConstraint list(TypeConstraint element) {
        return new Collection("list", element);
    }

    static TypeConstraint set(TypeConstraint element) {
        return new Collection("set", element);
    }

    static TypeConstraint map(TypeConstraint element) {
        return new Collection("map", element);
    }

    static TypeConstraint object(Field... fields) {
        return new ObjectType(List.of(fields));
    }

    static Field required(String name, TypeConstraint type) {
        return new Field(name, type, false, null);
    }

    static Field optional(String name, TypeConstraint type) {
        return new Field(name, type, true, null);
    }

    static Field optional(String name, TypeConstraint type, Expression defaultValue) {
        return new Field(name, type, true, Objects.requireNonNull(defaultValue, "defaultValue"));
    }

    record Primitive(String name) implements TypeConstraint {
    }

    record Collection(String kind, TypeConstraint element) implements TypeConstraint {
    }

    record ObjectType(List<Field> fields) implements TypeConstraint {
        public ObjectType {
            fields = List.copyOf(fields);
        }
    }

    /** An object attribute; {@code defaultValue} is only meaningful for optional ones and may be null. */
    record Field(String name, TypeConstraint type, boolean optional, Expression defaultValue) {
    }

    /** The one-line form, used in Terraform JSON and in README tables. */
    default String compact() {
        if (this instanceof Primitive p) {
            return p.name();
        }
        if (this instanceof Collection c) {
            return c.kind() + "(" + c.element().compact() + ")";
        }
        ObjectType o = (ObjectType) this;
        StringBuilder sb = new StringBuilder("object({");
        for (int i = 0; i < o.fields().size(); i++) {
            Field f = o.fields().get(i);
            sb.append(i == 0 ? "" : ", ").append(f.name()).append(" = ").append(fieldType(f));
        }
        return sb.append("})").toString();
    }

    /** {@code string} or {@code optional(string)} or {@code optional(string, "x")}. */
    static String fieldType(Field f) {
        if (!f.optional()) {
            return f.type().compact();
        }
        if (f.defaultValue() == null) {
            return "optional(" + f.type().compact() + ")";
        }
        return "optional(" + f.type().compact() + ", " + HclRenderer.inline(f.defaultValue()) + ")";
    }
}
