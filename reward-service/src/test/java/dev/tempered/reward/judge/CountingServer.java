package dev.tempered.reward.judge;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP server that counts requests, keeps their bodies, and answers each with the next
 * scripted reply (the last one repeats); a reply of status 0 never answers.
 */
final class CountingServer implements AutoCloseable {

  /** One scripted answer. */
  record Reply(int status, String body) {

    static Reply completion(String content) {
      return new Reply(
          200,
          "{\"id\":\"x\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
              + "\"message\":{\"role\":\"assistant\",\"content\":\""
              + content
              + "\"},\"finish_reason\":\"stop\"}]}");
    }

    static Reply status(int status) {
      return new Reply(status, "{\"error\":{\"message\":\"scripted " + status + "\"}}");
    }

    static Reply never() {
      return new Reply(0, "");
    }
  }

  private final HttpServer server;
  private final List<Reply> script;
  private final AtomicInteger requests = new AtomicInteger();
  private final List<String> bodies = new CopyOnWriteArrayList<>();
  private final CountDownLatch closing = new CountDownLatch(1);

  CountingServer(Reply... script) throws IOException {
    this.script = List.of(script);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/v1/chat/completions", this::handle);
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/chat/completions");
  }

  int requests() {
    return requests.get();
  }

  List<String> bodies() {
    return bodies;
  }

  private void handle(HttpExchange exchange) throws IOException {
    bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    int n = requests.getAndIncrement();
    Reply reply = script.get(Math.min(n, script.size() - 1));
    if (reply.status() == 0) {
      try {
        closing.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.close();
      return;
    }
    byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(reply.status(), body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
  }
}
