package dev.pullthrough.model;

/** An account id, region, partition or registry host that cannot name an ECR pull-through cache registry. */
public final class InvalidCoordinatesException extends IllegalArgumentException {
    private final String field;
    private final String value;

    public InvalidCoordinatesException(String field, String value, String reason) {
        // The generated Terraform validations say the same: field "value": reason.
        super(field + " " + (value == null ? "null" : "\"" + value + "\"") + ": " + reason + ".");
        this.field = field;
        this.value = value;
    }

    public String field() {
        return field;
    }

    public String value() {
        return value;
    }
}
