package dev.tempered.gateway.job;

import dev.tempered.api.job.FieldError;
import java.util.List;

/** A submitted job spec failed validation; carries every bad field. */
public class InvalidJobSpecException extends RuntimeException {

  private final List<FieldError> errors;

  public InvalidJobSpecException(List<FieldError> errors) {
    super("invalid job spec: " + errors);
    this.errors = List.copyOf(errors);
  }

  public List<FieldError> errors() {
    return errors;
  }
}
