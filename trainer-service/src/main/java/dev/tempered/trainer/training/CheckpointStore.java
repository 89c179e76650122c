package dev.tempered.trainer.training;

import dev.tempered.model.io.Llama2cFormat;
import dev.tempered.model.llama.LlamaWeights;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Writes checkpoints as llama2.c files under {@code <dir>/<jobId>/v<version>.bin}: to a temporary
 * file first and then moved into place, so a sampler never reads a half-written file.
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
