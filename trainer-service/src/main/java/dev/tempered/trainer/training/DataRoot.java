package dev.tempered.trainer.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The directory offline jobs read their preference files from: resolves a job's relative {@code
 * dataset.path} and refuses one that would leave it (also through a symbolic link), as the noise
 * service does for prompt files.
 */
public final class DataRoot {

  private final Path root;

  public DataRoot(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /**
   * @throws IllegalArgumentException when the path is absolute, escapes the root or is not a
   *     readable file under it
   */
  public Path resolve(String relative) {
    if (relative == null || relative.isBlank() || Path.of(relative).isAbsolute()) {
      throw new IllegalArgumentException(
          "dataset path '" + relative + "' must be relative to the data root " + root);
    }
    Path resolved = root.resolve(relative).normalize();
    if (!resolved.startsWith(root) || !Files.isRegularFile(resolved)) {
      throw new IllegalArgumentException(
          "dataset path '" + relative + "' is not a file under the data root " + root);
    }
    try {
      if (!resolved.toRealPath().startsWith(root.toRealPath())) {
        throw new IllegalArgumentException(
            "dataset path '" + relative + "' escapes the data root " + root + " through a link");
      }
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "dataset path '" + relative + "' cannot be read under " + root + ": " + e.getMessage(),
          e);
    }
    return resolved;
  }

  @Override
  public String toString() {
    return root.toString();
  }
}
