package dev.tempered.model.io;

import dev.tempered.api.message.CheckpointEvent;
import dev.tempered.model.llama.LlamaWeights;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Reads the weights a {@link CheckpointEvent} points at, after checking size and sha256. */
public final class CheckpointReader {

  private CheckpointReader() {}

  /** The checkpoint's weights; fails naming the file when it is missing, altered or unreadable. */
  public static LlamaWeights read(CheckpointEvent event) throws IOException {
    Path file = fileOf(event);
    long size = Files.size(file);
    if (event.sizeBytes() > 0 && size != event.sizeBytes()) {
      throw new IOException(
          "checkpoint "
              + file
              + " of job "
              + event.jobId()
              + " version "
              + event.version()
              + " holds "
              + size
              + " bytes but the event says "
              + event.sizeBytes());
    }
    String actual = sha256(file);
    if (event.sha256() == null || !actual.equalsIgnoreCase(event.sha256())) {
      throw new IOException(
          "checkpoint "
              + file
              + " of job "
              + event.jobId()
              + " version "
              + event.version()
              + " has sha256 "
              + actual
              + " but the event says "
              + event.sha256());
    }
    return Llama2cFormat.read(file);
  }

  static Path fileOf(CheckpointEvent event) throws IOException {
    URI uri;
    try {
      uri = URI.create(event.uri());
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IOException(
          "checkpoint uri " + event.uri() + " of job " + event.jobId() + " is not a valid URI", e);
    }
    if (!"file".equals(uri.getScheme())) {
      throw new IOException(
          "checkpoint uri "
              + uri
              + " of job "
              + event.jobId()
              + " is not a file: URI; only local or mounted checkpoint directories are supported");
    }
    return Path.of(uri);
  }

  /** Lower-case hex sha256 of a file, streamed so large checkpoints need no heap copy. */
  public static String sha256(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM lacks SHA-256", e);
    }
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
