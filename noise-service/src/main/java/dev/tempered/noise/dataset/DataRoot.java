package dev.tempered.noise.dataset;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The directory that job specs may read from; resolves relative paths and refuses any that would
 * leave it, so no job spec can read files outside the configured data root.
 */
public final class DataRoot {

  private final Path root;

  public DataRoot(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path path() {
    return root;
  }

  /**
   * The file {@code relative} names under the root.
   *
   * @throws IllegalArgumentException when the path is absolute, escapes the root (also through a
   *     symbolic link) or is not a readable file
   */
  public Path resolve(String relative) {
    if (relative == null || relative.isBlank()) {
      throw new IllegalArgumentException("dataset path must not be blank");
    }
    Path candidate = Path.of(relative);
    if (candidate.isAbsolute()) {
      throw new IllegalArgumentException(
          "dataset path '" + relative + "' must be relative to the data root " + root);
    }
    Path resolved = root.resolve(candidate).normalize();
    if (!resolved.startsWith(root)) {
      throw new IllegalArgumentException(
          "dataset path '" + relative + "' escapes the data root " + root);
    }
    if (!Files.isRegularFile(resolved)) {
      throw new IllegalArgumentException(
          "dataset path '" + relative + "' is not a file under the data root " + root);
    }
    checkRealPathInside(relative, resolved);
    return resolved;
  }

  // A symbolic link inside the root could still point outside it; compare the real locations.
  private void checkRealPathInside(String relative, Path resolved) {
    try {
      Path realRoot = root.toRealPath();
      if (!resolved.toRealPath().startsWith(realRoot)) {
        throw new IllegalArgumentException(
            "dataset path '" + relative + "' escapes the data root " + root + " through a link");
      }
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(
          "dataset path '" + relative + "' cannot be read under " + root + ": " + e.getMessage(),
          e);
    }
  }

  @Override
  public String toString() {
    return root.toString();
  }
}
