package dev.pullthrough.model;

/** What a rule set is checked for. */
public enum ValidationMode {
    /** That AWS would accept creating these rules: credentials are required where AWS requires them. */
    CREATE,
    /** That the rules can be referenced as rules that already exist (the runner side): credentials not required. */
    EXISTING
}
