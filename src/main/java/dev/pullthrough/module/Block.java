package dev.pullthrough.module;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A block ({@code resource "aws_x" "this" { ... }}) with its labels and body. The optional comment is written above
 * the block in HCL and as a {@code "//"} property of its body in JSON.
 */
public record Block(String type, List<String> labels, List<BodyItem> body, String comment) implements BodyItem {

    public Block {
        Objects.requireNonNull(type, "type");
        labels = List.copyOf(labels);
        body = List.copyOf(body);
    }

    public static Builder of(String type, String... labels) {
        return new Builder(type, List.of(labels));
    }

    public static final class Builder {
        private final String type;
        private final List<String> labels;
        private final List<BodyItem> body = new ArrayList<>();
        private String comment;

        private Builder(String type, List<String> labels) {
            this.type = type;
            this.labels = labels;
        }

        public Builder comment(String text) {
            this.comment = text;
            return this;
        }

        public Builder attr(String name, Expression value) {
            body.add(new Attribute(name, value));
            return this;
        }

        /** An attribute with a comment saying what it is (see {@link BodyItem.Comment}). */
        public Builder attr(String name, Expression value, String comment) {
            body.add(new BodyItem.Comment(comment));
            return attr(name, value);
        }

        public Builder attr(String name, String literal) {
            return attr(name, Expression.string(literal));
        }

        public Builder block(Block nested) {
            body.add(nested);
            return this;
        }

        public Builder blank() {
            body.add(BodyItem.BlankLine.INSTANCE);
            return this;
        }

        public Builder items(List<? extends BodyItem> items) {
            body.addAll(items);
            return this;
        }

        public Block build() {
            return new Block(type, labels, body, comment);
        }
    }
}
