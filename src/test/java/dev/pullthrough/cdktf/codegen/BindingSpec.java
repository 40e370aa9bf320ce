package dev.pullthrough.cdktf.codegen;

import java.util.ArrayList;
import java.util.List;

/** One line of the bindings list: {@code resource aws_iam_policy} or {@code data aws_region}. */
record BindingSpec(boolean dataSource, String terraformType) {

    /** cdktf's names: {@code aws_iam_policy} is {@code IamPolicy}, data source {@code aws_region} is {@code DataAwsRegion}. */
    String className() {
        return dataSource ? "Data" + JavaNames.pascal(terraformType)
                : JavaNames.pascal(terraformType.replaceFirst("^aws_", ""));
    }

    String kind() {
        return dataSource ? "data source" : "resource";
    }

    /** Lines of {@code resource|data TYPE}; blank lines and {@code #} comments are skipped. */
    static List<BindingSpec> parseList(String text) {
        List<BindingSpec> specs = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].replaceFirst("#.*", "").strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] words = line.split("\\s+");
            if (words.length != 2 || !words[0].matches("resource|data") || !words[1].matches("aws_[a-z0-9_]+")) {
                throw new IllegalArgumentException("bindings list line " + (i + 1) + ": '" + line
                        + "' is not 'resource aws_TYPE' or 'data aws_TYPE'");
            }
            specs.add(new BindingSpec(words[0].equals("data"), words[1]));
        }
        return specs;
    }
}
