package dev.pullthrough.module;

/** What a block body holds: attributes, nested blocks, blank lines that group them, and comments. */
public sealed interface BodyItem permits Attribute, Block, BodyItem.BlankLine, BodyItem.Comment {

    /** A visual separator in HCL (it also ends a run of aligned {@code =}); JSON ignores it. */
    enum BlankLine implements BodyItem {
        INSTANCE
    }

    /**
     * A comment on the attribute that follows it: {@code #} lines above it in HCL; in JSON, which has no comments, a
     * line {@code <attribute>: <text>} of the block's {@code "//"} property.
     */
    record Comment(String text) implements BodyItem {
        public Comment {
            java.util.Objects.requireNonNull(text, "text");
        }
    }
}
