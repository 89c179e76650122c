package dev.tempered.gateway.job;

import dev.tempered.api.job.FieldError;
import java.util.List;

/** Query parameters or headers of a request are not valid; each error names its parameter. */
public class InvalidRequestException extends RuntimeException {

  private final List<FieldError> errors;

  public InvalidRequestException(List<FieldError> errors) {
    super("invalid request: " + errors);
    this.errors = List.copyOf(errors);
  }

  public InvalidRequestException(String field, String message) {
    this(List.of(new FieldError(field, message)));
  }

  public List<FieldError> errors() {
    return errors;
  }
}
