package dev.tempered.gateway.security;

import java.io.IOException;

/** A request body grew past the configured limit while it was read. */
public class RequestTooLargeException extends IOException {

  public RequestTooLargeException(long limit) {
    super("the request body is larger than " + limit + " bytes");
  }
}
