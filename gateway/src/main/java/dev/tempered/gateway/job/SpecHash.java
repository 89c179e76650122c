package dev.tempered.gateway.job;

import dev.tempered.api.job.JobSpec;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * SHA-256 of a job spec's canonical JSON (fields in record order, map keys sorted), so that two
 * bodies that differ only in whitespace or key order count as the same request.
 */
final class SpecHash {

  private static final JsonMapper CANONICAL =
      JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

  private SpecHash() {}

  static String of(JobSpec spec) {
    byte[] json = CANONICAL.writeValueAsBytes(spec);
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
