package dev.pullthrough.hook;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a FILE argument as UTF-8 text: {@code -} is standard input, a leading byte-order mark is dropped (editors on
 * Windows write one), and bytes that are not UTF-8 are reported with their offset instead of a decoder's message.
 */
public final class InputFiles {
    public static final String STDIN = "-";

    private InputFiles() {
    }

    public static String readText(Path file, InputStream stdin) throws RulesFileException {
        byte[] bytes;
        try {
            bytes = file.toString().equals(STDIN) ? stdin.readAllBytes() : Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new RulesFileException(file, "no such file");
        } catch (AccessDeniedException e) {
            throw new RulesFileException(file, "permission denied; check the file's mode or run as its owner");
        } catch (IOException e) {
            if (Files.isDirectory(file)) {
                throw new RulesFileException(file, "is a directory; give the JSON file inside it");
            }
            throw new RulesFileException(file, "cannot read: " + e.getMessage());
        }
        return decode(file, bytes);
    }

    private static String decode(Path file, byte[] bytes) throws RulesFileException {
        int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb
                && (bytes[2] & 0xff) == 0xbf ? 3 : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw new RulesFileException(file, "is not UTF-8 text (invalid byte 0x"
                    + String.format("%02x", bytes[in.position()] & 0xff) + " at offset " + in.position()
                    + "); save it as UTF-8, e.g. iconv -f LATIN1 -t UTF-8");
        }
        decoder.flush(out);
        return out.flip().toString();
    }
}
