package dev.pullthrough.cdktf.codegen;

import java.util.Set;

/** Java spellings of Terraform names, and javadoc-safe text. */
final class JavaNames {
    private static final Set<String> KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case",
            "catch", "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends",
            "final", "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int",
            "interface", "long", "native", "new", "package", "private", "protected", "public", "return", "short",
            "static", "strictfp", "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try",
            "void", "volatile", "while", "true", "false", "null", "record", "var", "yield");

    private JavaNames() {
    }

    static String pascal(String snake) {
        StringBuilder out = new StringBuilder();
        for (String part : snake.split("_")) {
            if (!part.isEmpty()) {
                out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return out.toString();
    }

    /** A field, parameter or builder method name; Java keywords get a {@code Value} suffix ({@code default}). */
    static String camel(String snake) {
        String pascal = pascal(snake);
        String camel = Character.toLowerCase(pascal.charAt(0)) + pascal.substring(1);
        return KEYWORDS.contains(camel) ? camel + "Value" : camel;
    }

    /** Schema descriptions are free text: keep them from closing the comment or reading as HTML or tags. */
    static String javadocText(String text) {
        return text.strip().replaceAll("\\s+", " ")
                .replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("*/", "*&#47;").replace("@", "&#64;");
    }
}
