package dev.pullthrough.module;

/** What a block body holds: attributes, nested blocks, and blank lines that group them. */
public sealed interface BodyItem permits Attribute, Block, BodyItem.BlankLine {

    /** A visual separator in HCL (it also ends a run of aligned {@code =}); JSON ignores it. */
    enum BlankLine implements BodyItem {
        INSTANCE
    }
}
