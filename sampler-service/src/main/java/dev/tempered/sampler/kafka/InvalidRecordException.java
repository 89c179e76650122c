package dev.tempered.sampler.kafka;

/** A record that deserialised but lacks a field the sampler needs; it goes to the DLT. */
class InvalidRecordException extends RuntimeException {

  InvalidRecordException(String message) {
    super(message);
  }
}
