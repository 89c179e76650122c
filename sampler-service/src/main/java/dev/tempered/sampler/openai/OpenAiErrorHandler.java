package dev.tempered.sampler.openai;

import dev.tempered.sampler.worker.UnknownPolicyException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Errors of the chat endpoint as OpenAI's error object {@code {"error": {"message", "type",
 * "param", "code"}}}, so OpenAI client libraries surface them as they would OpenAI's own.
 */
@RestControllerAdvice(assignableTypes = ChatCompletionsController.class)
public class OpenAiErrorHandler {

  private static final Logger log = LoggerFactory.getLogger(OpenAiErrorHandler.class);

  @ExceptionHandler(OpenAiException.class)
  ResponseEntity<Map<String, Object>> refused(OpenAiException e) {
    return error(e.status(), e.getMessage(), e.type(), e.param(), e.code());
  }

  @ExceptionHandler(UnknownPolicyException.class)
  ResponseEntity<Map<String, Object>> unknownModel(UnknownPolicyException e) {
    return error(
        HttpStatus.NOT_FOUND, e.getMessage(), "invalid_request_error", "model", "model_not_found");
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
    return error(
        HttpStatus.BAD_REQUEST,
        "the request body is not a JSON object: " + e.getMostSpecificCause().getMessage(),
        "invalid_request_error",
        null,
        "invalid_json");
  }

  @ExceptionHandler(RuntimeException.class)
  ResponseEntity<Map<String, Object>> failed(RuntimeException e) {
    log.error("chat completion failed", e);
    return error(
        HttpStatus.INTERNAL_SERVER_ERROR, "generation failed: " + e, "server_error", null, null);
  }

  private static ResponseEntity<Map<String, Object>> error(
      HttpStatus status, String message, String type, String param, String code) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("message", message);
    error.put("type", type);
    error.put("param", param);
    error.put("code", code);
    return ResponseEntity.status(status).body(Map.of("error", error));
  }
}
