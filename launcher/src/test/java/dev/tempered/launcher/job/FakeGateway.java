package dev.tempered.launcher.job;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP server on loopback that answers each path with a scripted sequence of responses (the
 * last one repeats), standing in for the gateway in launcher tests.
 */
public final class FakeGateway implements AutoCloseable {

  /** One scripted answer. */
  public record Answer(int status, String body) {}

  private final HttpServer server;
  private final Map<String, List<Answer>> scripts = new ConcurrentHashMap<>();
  private final Map<String, Integer> calls = new ConcurrentHashMap<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<String> bodies = new CopyOnWriteArrayList<>();
  private final List<String> authorizations = new CopyOnWriteArrayList<>();

  public FakeGateway() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Answers {@code "METHOD /path"} with these responses in turn. */
  public FakeGateway on(String request, Answer... answers) {
    scripts.put(request, new ArrayList<>(List.of(answers)));
    return this;
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Every request seen, as {@code "METHOD /path"}. */
  public List<String> requests() {
    return requests;
  }

  /** Every request body seen. */
  public List<String> bodies() {
    return bodies;
  }

  /** The {@code Authorization} header of every request ("" when absent). */
  public List<String> authorizations() {
    return authorizations;
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String key = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
    requests.add(key);
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    authorizations.add(authorization == null ? "" : authorization);
    bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    List<Answer> script = scripts.get(key);
    Answer answer;
    if (script == null) {
      answer = new Answer(404, "{\"title\": \"Not Found\"}");
    } else {
      int call = calls.merge(key, 1, Integer::sum) - 1;
      answer = script.get(Math.min(call, script.size() - 1));
    }
    byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      exchange.getResponseBody().write(body);
    }
    exchange.close();
  }
}
