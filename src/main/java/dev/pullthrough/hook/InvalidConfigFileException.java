package dev.pullthrough.hook;


/**
 * A configuration file the hook would merge into cannot be read as what it should be (invalid JSON, a TOML layout
 * the minimal editor does not handle, a key of the wrong type). The file is left untouched.
 */
public final class InvalidConfigFileException extends HookException {
    private final String file;

    public InvalidConfigFileException(String file, String reason) {
        super(file + ": " + reason);
        this.file = file;
    }

    public InvalidConfigFileException(String file, String reason, Throwable cause) {
        super(file + ": " + reason, cause);
        this.file = file;
    }

    public String file() {
        return file;
    }
}
