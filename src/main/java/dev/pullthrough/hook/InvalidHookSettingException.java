package dev.pullthrough.hook;

/** A flag or environment value the hook cannot use; carries the setting's name and the bad value. */
public final class InvalidHookSettingException extends HookException {
    private final String setting;
    private final String value;

    public InvalidHookSettingException(String setting, String value, String reason) {
        super(setting + " = \"" + value + "\": " + reason);
        this.setting = setting;
        this.value = value;
    }

    public String setting() {
        return setting;
    }

    public String value() {
        return value;
    }
}
