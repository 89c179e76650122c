package dev.tempered.gateway.web;

import dev.tempered.api.job.FieldError;
import dev.tempered.gateway.job.IdempotencyConflictException;
import dev.tempered.gateway.job.IllegalTransitionException;
import dev.tempered.gateway.job.InvalidJobSpecException;
import dev.tempered.gateway.job.InvalidRequestException;
import dev.tempered.gateway.job.JobNotFoundException;
import dev.tempered.gateway.job.JobPublishException;
import dev.tempered.gateway.labelling.LabelConflictException;
import dev.tempered.gateway.labelling.PairNotFoundException;
import dev.tempered.gateway.security.RequestTooLargeException;
import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error as RFC 9457 problem details; bad input lists its fields under {@code errors} as
 * {@code {field, message}}.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

  @ExceptionHandler(InvalidJobSpecException.class)
  ResponseEntity<Object> invalidSpec(InvalidJobSpecException e, WebRequest request) {
    ProblemDetail problem = fieldProblem("Invalid job spec", e.errors(), request);
    return ResponseEntity.of(problem).build();
  }

  @ExceptionHandler(InvalidRequestException.class)
  ResponseEntity<Object> invalidRequest(InvalidRequestException e, WebRequest request) {
    return ResponseEntity.of(fieldProblem("Invalid request", e.errors(), request)).build();
  }

  @ExceptionHandler(IllegalTransitionException.class)
  ResponseEntity<Object> conflict(IllegalTransitionException e, WebRequest request) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    problem.setTitle("Illegal state transition");
    problem.setProperty("jobId", e.jobId());
    problem.setProperty("state", e.state());
    problem.setInstance(instance(request));
    return ResponseEntity.of(problem).build();
  }

  @ExceptionHandler(IdempotencyConflictException.class)
  ResponseEntity<Object> reusedKey(IdempotencyConflictException e, WebRequest request) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
    problem.setTitle("Idempotency key reused");
    problem.setProperty("idempotencyKey", e.key());
    problem.setProperty("jobId", e.jobId());
    problem.setInstance(instance(request));
    return ResponseEntity.of(problem).build();
  }

  @ExceptionHandler(JobNotFoundException.class)
  ResponseEntity<Object> notFound(JobNotFoundException e, WebRequest request) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    problem.setTitle("Job not found");
    problem.setProperty("jobId", e.jobId());
    problem.setInstance(instance(request));
    return ResponseEntity.of(problem).build();
  }

  @ExceptionHandler(PairNotFoundException.class)
  ResponseEntity<Object> pairNotFound(PairNotFoundException e, WebRequest request) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    problem.setTitle("Pair not found");
    problem.setProperty("jobId", e.jobId());
    problem.setProperty("pairId", e.pairId());
    problem.setInstance(instance(request));
    return ResponseEntity.of(problem).build();
  }

  @ExceptionHandler(LabelConflictException.class)
  ResponseEntity<Object> labelConflict(LabelConflictException e, WebRequest request) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    problem.setTitle("Pair already labelled");
    problem.setProperty("pairId", e.pairId());
    problem.setProperty("label", e.label());
    problem.setInstance(instance(request));
    return ResponseEntity.of(problem).build();
  }

  @ExceptionHandler(JobPublishException.class)
  ResponseEntity<Object> unavailable(JobPublishException e, WebRequest request) {
    log.error("job not accepted", e);
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
    problem.setTitle("Job store unavailable");
    problem.setInstance(instance(request));
    return ResponseEntity.of(problem).build();
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof RequestTooLargeException tooLarge) {
        ProblemDetail problem =
            ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, tooLarge.getMessage());
        problem.setTitle("Request too large");
        problem.setInstance(instance(request));
        return handleExceptionInternal(e, problem, headers, HttpStatus.CONTENT_TOO_LARGE, request);
      }
    }
    FieldError error = JsonProblems.describe(e);
    ProblemDetail problem = fieldProblem("Unreadable request body", List.of(error), request);
    return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
  }

  @Override
  protected ResponseEntity<Object> handleTypeMismatch(
      TypeMismatchException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    String field = e.getPropertyName() == null ? "" : e.getPropertyName();
    String expected = "expected " + JsonProblems.describe(e.getRequiredType());
    ProblemDetail problem =
        fieldProblem("Invalid request", List.of(new FieldError(field, expected)), request);
    return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
  }

  private static ProblemDetail fieldProblem(
      String title, List<FieldError> errors, WebRequest request) {
    String detail =
        errors.stream()
            .map(f -> (f.field().isEmpty() ? "body" : f.field()) + ": " + f.message())
            .collect(Collectors.joining("; "));
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
    problem.setTitle(title);
    problem.setProperty("errors", errors);
    problem.setInstance(instance(request));
    return problem;
  }

  private static URI instance(WebRequest request) {
    if (request instanceof ServletWebRequest servlet) {
      return URI.create(servlet.getRequest().getRequestURI());
    }
    return null;
  }
}
