package dev.pullthrough.hook;

/**
 * A reason the hook could not do its job. The message is meant for a job log: it names the file, flag or endpoint
 * involved and never contains a credential.
 */
public class HookException extends Exception {
    public HookException(String message) {
        super(message);
    }

    public HookException(String message, Throwable cause) {
        super(message, cause);
    }
}
