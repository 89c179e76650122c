package dev.tempered.api.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the shared model and data files: an explicit directory (system property {@code
 * tempered.shared.dir} or environment variable {@code TEMPERED_SHARED_DIR}), else {@code ../shared}
 * or {@code ./shared} beside the working directory, else the user cache {@code ~/.cache/tempered}.
 * Tests use {@link #find()} and skip when it is empty.
 */
public final class SharedResources {

  public static final String PROPERTY = "tempered.shared.dir";
  public static final String ENVIRONMENT = "TEMPERED_SHARED_DIR";

  /** A file that must exist for a directory to count as the shared root. */
  static final String MARKER = "models/stories260K/stories260K.bin";

  private SharedResources() {}

  /** The shared root, when one with the stories260K model in it can be found. */
  public static Optional<Path> find() {
    for (String candidate : candidates()) {
      if (candidate == null || candidate.isBlank()) {
        continue;
      }
      Path dir = Path.of(candidate).toAbsolutePath().normalize();
      if (Files.isRegularFile(dir.resolve(MARKER))) {
        return Optional.of(dir);
      }
    }
    return Optional.empty();
  }

  /** The shared root, or an exception that says where it looked and how to point at it. */
  public static Path require() {
    return find()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "shared model and data files not found: looked in -D"
                        + PROPERTY
                        + ", $"
                        + ENVIRONMENT
                        + ", ../shared, ./shared and ~/.cache/tempered for "
                        + MARKER
                        + "; set "
                        + ENVIRONMENT
                        + " to a directory holding models/ and data/"));
  }

  private static String[] candidates() {
    return new String[] {
      System.getProperty(PROPERTY),
      System.getenv(ENVIRONMENT),
      "../shared",
      "shared",
      System.getProperty("user.home") + "/.cache/tempered"
    };
  }
}
