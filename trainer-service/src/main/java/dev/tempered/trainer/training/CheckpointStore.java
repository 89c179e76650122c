package dev.tempered.trainer.training;

import dev.tempered.model.io.HfLlamaFormat;
import dev.tempered.model.io.Llama2cFormat;
import dev.tempered.model.llama.LlamaWeights;
import dev.tempered.model.reward.HfRewardModelFormat;
import dev.tempered.model.reward.RewardModelCheckpoints;
import dev.tempered.model.reward.RewardModelWeights;
import dev.tempered.model.reward.RewardSequences;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.stream.Stream;

/**
 * Writes checkpoints as llama2.c files under {@code <dir>/<jobId>/v<version>.bin}, and reward
 * models as Hugging Face directories under {@code <dir>/<jobId>/reward-v<version>/}: to a temporary
 * file or directory first and then moved into place, so no reader sees a half-written checkpoint.
 */
public final class CheckpointStore {

  private final Path root;

  public CheckpointStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** The folder holding one folder of checkpoints per job. */
  public Path root() {
    return root;
  }

  /** Where a checkpoint lives, its sha256 and size in bytes. */
  public record StoredCheckpoint(Path file, String sha256, long sizeBytes) {}

  public StoredCheckpoint write(String jobId, long version, LlamaWeights weights)
      throws IOException {
    Path dir = root.resolve(jobId);
    Files.createDirectories(dir);
    Path target = dir.resolve("v" + version + ".bin");
    Path temp = dir.resolve("v" + version + ".bin.tmp");
    Llama2cFormat.write(weights, temp);
    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return new StoredCheckpoint(target, sha256(target), Files.size(target));
  }

  /**
   * Writes a reward model (see {@link HfRewardModelFormat}) as version {@code version} of {@code
   * jobId}: the directory, the sha256 of its {@code model.safetensors} and the bytes of all its
   * files. A directory left by an earlier write of the same version is replaced.
   */
  public StoredCheckpoint writeRewardModel(
      String jobId,
      long version,
      RewardModelWeights weights,
      RewardSequences layout,
      Path tokenizer)
      throws IOException {
    Path target = RewardModelCheckpoints.directory(root, jobId, version);
    Path dir = target.getParent();
    Files.createDirectories(dir);
    Path temp = Files.createTempDirectory(dir, target.getFileName() + ".tmp");
    try {
      HfRewardModelFormat.write(weights, layout, tokenizer, temp);
      if (Files.exists(target)) {
        deleteTree(target);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      if (Files.exists(temp)) {
        deleteTree(temp);
      }
    }
    long size;
    try (Stream<Path> files = Files.list(target)) {
      size = files.mapToLong(f -> f.toFile().length()).sum();
    }
    return new StoredCheckpoint(target, sha256(target.resolve(HfLlamaFormat.WEIGHTS)), size);
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      for (int n = in.read(buf); n > 0; n = in.read(buf)) {
        digest.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JVM", e);
    }
  }
}
