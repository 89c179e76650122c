package dev.tempered.api.message;

import java.time.Instant;
import java.util.UUID;

/**
 * The fields every record carries: schema version, a unique message id for idempotent consumers,
 * and the creation time.
 */
public record Envelope(int schemaVersion, String messageId, Instant createdAt) {

  /** Schema version written by this build; consumers reject records from a newer major version. */
  public static final int CURRENT_SCHEMA_VERSION = 1;

  /** A fresh envelope with a random message id. */
  public static Envelope create() {
    return new Envelope(CURRENT_SCHEMA_VERSION, UUID.randomUUID().toString(), Instant.now());
  }
}
