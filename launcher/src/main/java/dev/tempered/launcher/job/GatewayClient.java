package dev.tempered.launcher.job;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The gateway's job API over {@code java.net.http}: submit a job, read its view and its report.
 * Every request carries an API key as {@code Authorization: Bearer}.
 */
public final class GatewayClient {

  /**
   * The key of the gateway's {@code local} profile, which the launcher starts it with; {@code
   * $TEMPERED_API_KEY} overrides it.
   */
  public static final String LOCAL_DEV_KEY = "tempered-local-dev";

  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final URI base;
  private final HttpClient http;
  private final String apiKey;

  /** A client with {@code $TEMPERED_API_KEY}, else the local development key. */
  public GatewayClient(URI base) {
    this(base, defaultKey());
  }

  public GatewayClient(URI base, String apiKey) {
    this(base, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), apiKey);
  }

  GatewayClient(URI base, HttpClient http, String apiKey) {
    this.base = base;
    this.http = http;
    this.apiKey = apiKey;
  }

  /** {@code $TEMPERED_API_KEY} when set, else {@link #LOCAL_DEV_KEY}. */
  public static String defaultKey() {
    String key = System.getenv("TEMPERED_API_KEY");
    return key == null || key.isBlank() ? LOCAL_DEV_KEY : key;
  }

  /** POSTs the job and returns its id (from the body's {@code id}, else the Location header). */
  public String submit(String jobJson) {
    // A retried POST must not start the job twice.
    return submit(jobJson, UUID.randomUUID().toString()).id();
  }

  /** The job view a submission answered, and its id. */
  public record Submitted(String id, JsonNode view) {}

  /** POSTs the job with {@code idempotencyKey}; the gateway answers an old key with its job. */
  public Submitted submit(String jobJson, String idempotencyKey) {
    HttpRequest request =
        request("/v1/jobs")
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", idempotencyKey)
            .POST(HttpRequest.BodyPublishers.ofString(jobJson))
            .build();
    HttpResponse<String> response = send(request);
    if (response.statusCode() / 100 != 2) {
      throw failure(request, response);
    }
    JsonNode view = parse(request, response);
    String id = Json.text(view, "id", "");
    if (id.isEmpty()) {
      id =
          response
              .headers()
              .firstValue("Location")
              .map(location -> location.substring(location.lastIndexOf('/') + 1))
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "POST "
                              + request.uri()
                              + " answered "
                              + response.statusCode()
                              + " without a job id in its body or Location header: "
                              + response.body()));
    }
    return new Submitted(id, view);
  }

  /** The job view of {@code GET /v1/jobs/{id}}. */
  public JsonNode job(String id) {
    HttpRequest request = request("/v1/jobs/" + id).GET().build();
    HttpResponse<String> response = send(request);
    if (response.statusCode() != 200) {
      throw failure(request, response);
    }
    return parse(request, response);
  }

  /** The robustness report, or empty while the gateway has none for the job (404). */
  public Optional<JsonNode> report(String id) {
    HttpRequest request = request("/v1/jobs/" + id + "/report").GET().build();
    HttpResponse<String> response = send(request);
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    if (response.statusCode() != 200) {
      throw failure(request, response);
    }
    return Optional.of(parse(request, response));
  }

  /** {@code GET path} (with its query) as JSON; a non-2xx answer fails with the problem. */
  public JsonNode get(String pathAndQuery) {
    HttpRequest request = request(pathAndQuery).GET().build();
    HttpResponse<String> response = send(request);
    if (response.statusCode() / 100 != 2) {
      throw failure(request, response);
    }
    return parse(request, response);
  }

  /** {@code POST path} without a body (pause, resume, cancel) as JSON. */
  public JsonNode post(String path) {
    HttpRequest request = request(path).POST(HttpRequest.BodyPublishers.noBody()).build();
    HttpResponse<String> response = send(request);
    if (response.statusCode() / 100 != 2) {
      throw failure(request, response);
    }
    return parse(request, response);
  }

  /** {@code POST path} with a JSON body (a label) as JSON. */
  public JsonNode post(String path, String json) {
    HttpRequest request =
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build();
    HttpResponse<String> response = send(request);
    if (response.statusCode() / 100 != 2) {
      throw failure(request, response);
    }
    return parse(request, response);
  }

  /** A response that is not JSON (an export), with its headers. */
  public record Text(String body, java.net.http.HttpHeaders headers) {}

  /** {@code GET path} of a non-JSON resource; a non-2xx answer fails with the problem. */
  public Text getText(String path) {
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(REQUEST_TIMEOUT)
            .header("Authorization", "Bearer " + apiKey)
            .GET()
            .build();
    HttpResponse<String> response = send(request);
    if (response.statusCode() / 100 != 2) {
      throw failure(request, response);
    }
    return new Text(response.body(), response.headers());
  }

  /**
   * Reads the job's Server-Sent Events after {@code after}, handing each event's JSON to {@code
   * sink}, until the gateway ends the stream (after the job's terminal state).
   */
  public void stream(String id, long after, java.util.function.Consumer<JsonNode> sink) {
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve("/v1/jobs/" + id + "/events?after=" + after))
            .header("Accept", "text/event-stream")
            .header("Authorization", "Bearer " + apiKey)
            .GET()
            .build();
    HttpResponse<java.util.stream.Stream<String>> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofLines());
    } catch (IOException e) {
      throw new IllegalStateException("GET " + request.uri() + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during GET " + request.uri(), e);
    }
    if (response.statusCode() != 200) {
      String body = String.join("\n", response.body().toList());
      throw new IllegalStateException(
          "GET " + request.uri() + " answered " + response.statusCode() + ": " + body);
    }
    try (java.util.stream.Stream<String> lines = response.body()) {
      lines
          .filter(line -> line.startsWith("data:"))
          .forEach(line -> sink.accept(Json.MAPPER.readTree(line.substring(5))));
    }
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(base.resolve(path))
        .timeout(REQUEST_TIMEOUT)
        .header("Accept", "application/json")
        .header("Authorization", "Bearer " + apiKey);
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(
          request.method() + " " + request.uri() + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          "interrupted during " + request.method() + " " + request.uri(), e);
    }
  }

  private static JsonNode parse(HttpRequest request, HttpResponse<String> response) {
    try {
      return Json.MAPPER.readTree(response.body());
    } catch (JacksonException e) {
      throw new IllegalStateException(
          request.method()
              + " "
              + request.uri()
              + " answered with a body that is not JSON: "
              + response.body(),
          e);
    }
  }

  private static IllegalStateException failure(HttpRequest request, HttpResponse<String> response) {
    return new IllegalStateException(
        request.method()
            + " "
            + request.uri()
            + " answered "
            + response.statusCode()
            + ": "
            + response.body());
  }
}
