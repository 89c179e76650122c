package dev.tempered.gateway.kafka;

import dev.tempered.api.message.Envelope;

/** A record written by a newer schema than this build reads; it goes to the dead-letter topic. */
class UnsupportedSchemaException extends RuntimeException {

  UnsupportedSchemaException(int schemaVersion) {
    super(
        "record has schema version "
            + schemaVersion
            + ", this gateway reads up to "
            + Envelope.CURRENT_SCHEMA_VERSION);
  }
}
