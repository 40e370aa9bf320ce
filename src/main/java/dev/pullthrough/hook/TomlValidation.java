package dev.pullthrough.hook;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;

/**
 * Reads TOML with a real (TOML 1.0) parser. The editors change files as text with their minimal scanner; this is the
 * check that the user's file is TOML to begin with, and that what the hook would write is TOML too and means what
 * the hook intends, before it replaces anything.
 */
final class TomlValidation {
    private static final TomlMapper MAPPER = new TomlMapper();

    private TomlValidation() {
    }

    /** The user's file as a tree; refuses a file containerd or BuildKit would not be able to read either. */
    static JsonNode original(String text, String label) throws InvalidConfigFileException {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidConfigFileException(label, "not valid TOML (" + describe(e) + "); fix the file first");
        }
    }

    /** The edited text as a tree; a failure here is the editor's, and the original stays as it is. */
    static JsonNode edited(String text, String label) throws InvalidConfigFileException {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidConfigFileException(label, "the hook's edit of this layout would not be valid TOML ("
                    + describe(e) + "); the file is left as it is");
        }
    }

    private static String describe(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String what = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage().strip();
        return at == null || at.getLineNr() < 1 ? what : what + " at line " + at.getLineNr();
    }
}
