package dev.pullthrough.model;

import java.util.List;

/** Every problem found in a rule set, errors and warnings apart, in a stable order (rule key, then field). */
public record ValidationReport(List<Problem> errors, List<Problem> warnings) {
    public ValidationReport {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }

    public boolean isValid() {
        return errors.isEmpty();
    }
}
