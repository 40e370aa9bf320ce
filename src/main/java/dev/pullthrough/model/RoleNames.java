package dev.pullthrough.model;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Names of the IAM roles a runner policy is attached to. {@code aws_iam_role_policy_attachment} takes a role
 * <em>name</em>; an ARN there plans fine and fails at apply, so it is refused here, by the constructs and the modules.
 */
public final class RoleNames {
    /** IAM role names: 1 to 64 of letters, digits and {@code +=,.@_-}. Public for the generated validation. */
    public static final String PATTERN = "^[\\w+=,.@-]{1,64}$";
    public static final String PROBLEM =
            "must be an IAM role name (1-64 letters, digits and +=,.@_-), not an ARN or a blank. Use the part after role/ in the role's ARN.";
    private static final Pattern COMPILED = Pattern.compile(PATTERN);

    private RoleNames() {
    }

    public static boolean isValid(String name) {
        return name != null && COMPILED.matcher(name.trim()).matches();
    }

    /** One line per bad name, {@code role_names: "arn:...": <problem>}; empty when all are valid. */
    public static List<String> problems(List<String> names) {
        List<String> problems = new ArrayList<>();
        for (String name : names) {
            if (!isValid(name)) {
                problems.add(message(name == null ? "" : name.trim()));
            }
        }
        return problems;
    }

    public static String message(String name) {
        return "role_names: \"" + name + "\": " + PROBLEM;
    }
}
