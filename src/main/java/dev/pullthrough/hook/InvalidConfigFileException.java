package dev.pullthrough.hook;

import java.nio.file.Path;

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

    /** Re-labels an exception raised by a pure merger (which only knows the kind of file) with the real path. */
    public InvalidConfigFileException at(Path path) {
        return new InvalidConfigFileException(path.toString(), getMessage().substring(file.length() + 2), this);
    }

    public String file() {
        return file;
    }
}
