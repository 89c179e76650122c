package dev.tempered.model.reward;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where reward models live in the shared checkpoint directory: {@code
 * <checkpoints>/<jobId>/reward-v<version>/}, written by the trainer's reward-model job and read by
 * the reward service. Only complete directories carry this name: the trainer writes into a
 * temporary sibling and renames it.
 */
public final class RewardModelCheckpoints {

  public static final String PREFIX = "reward-v";

  private static final Pattern NAME = Pattern.compile(Pattern.quote(PREFIX) + "(\\d{1,18})");

  private RewardModelCheckpoints() {}

  /** The directory of version {@code version} of job {@code jobId}'s reward model. */
  public static Path directory(Path root, String jobId, long version) {
    return jobDirectory(root, jobId).resolve(PREFIX + version);
  }

  /** The newest complete version of job {@code jobId}'s reward model, if any was written. */
  public static OptionalLong newest(Path root, String jobId) throws IOException {
    Path dir = jobDirectory(root, jobId);
    if (!Files.isDirectory(dir)) {
      return OptionalLong.empty();
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries
          .filter(Files::isDirectory)
          .map(p -> NAME.matcher(p.getFileName().toString()))
          .filter(Matcher::matches)
          .mapToLong(m -> Long.parseLong(m.group(1)))
          .max();
    }
  }

  private static Path jobDirectory(Path root, String jobId) {
    Path base = root.toAbsolutePath().normalize();
    Path dir = base.resolve(jobId).normalize();
    if (jobId.isBlank() || !dir.getParent().equals(base)) {
      throw new IllegalArgumentException("job id '" + jobId + "' is not a plain directory name");
    }
    return dir;
  }
}
