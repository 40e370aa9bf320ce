package dev.pullthrough.model;

/** An error stops a rule set from being used; a warning is a working but questionable choice. */
public enum Severity {
    ERROR,
    WARNING
}
