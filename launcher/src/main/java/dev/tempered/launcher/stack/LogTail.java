package dev.tempered.launcher.stack;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The last lines of a child's log, quoted in error messages so a failure explains itself. */
public final class LogTail {

  /** Reading more than this from the end is pointless for a few lines and slow for big logs. */
  private static final int MAX_BYTES = 64 * 1024;

  private LogTail() {}

  /** Up to {@code lines} last lines of {@code file}, or a note saying why there are none. */
  public static String of(Path file, int lines) {
    if (!Files.isRegularFile(file)) {
      return "(no log at " + file + ")";
    }
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long start = Math.max(0, in.length() - MAX_BYTES);
      byte[] bytes = new byte[(int) (in.length() - start)];
      in.seek(start);
      in.readFully(bytes);
      List<String> all = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\r?\n"));
      List<String> last = all.subList(Math.max(0, all.size() - lines), all.size());
      return last.isEmpty() || String.join("", last).isBlank()
          ? "(" + file + " is empty)"
          : String.join(System.lineSeparator(), last);
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e.getMessage() + ")";
    }
  }
}
