package dev.tempered.sampler.openai;

import org.springframework.http.HttpStatus;

/** A request the endpoint refuses, with what OpenAI's error object reports about it. */
public class OpenAiException extends RuntimeException {

  private final HttpStatus status;
  private final String type;
  private final String param;
  private final String code;

  public OpenAiException(HttpStatus status, String type, String param, String code, String msg) {
    super(msg);
    this.status = status;
    this.type = type;
    this.param = param;
    this.code = code;
  }

  /** A 400 {@code invalid_request_error} about {@code param}. */
  public static OpenAiException invalid(String param, String message) {
    return new OpenAiException(
        HttpStatus.BAD_REQUEST, "invalid_request_error", param, "invalid_value", message);
  }

  public HttpStatus status() {
    return status;
  }

  public String type() {
    return type;
  }

  public String param() {
    return param;
  }

  public String code() {
    return code;
  }
}
