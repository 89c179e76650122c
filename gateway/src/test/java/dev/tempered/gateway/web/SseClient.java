package dev.tempered.gateway.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * Reads a Server-Sent Events stream in the background into {@code id}, {@code event} and {@code
 * data} of each event, as a browser's EventSource would.
 */
final class SseClient {

  /** One received event. */
  record Event(String id, String name, String data) {}

  final List<Event> events = new CopyOnWriteArrayList<>();
  final CompletableFuture<Integer> status = new CompletableFuture<>();
  final CompletableFuture<Void> ended;

  SseClient(URI uri, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET();
    headers.forEach(request::header);
    ended =
        HttpClient.newHttpClient()
            .sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines())
            .thenAccept(
                response -> {
                  status.complete(response.statusCode());
                  read(response.body());
                });
  }

  private void read(Stream<String> lines) {
    String[] current = new String[3];
    StringBuilder data = new StringBuilder();
    lines.forEach(
        line -> {
          if (line.isEmpty()) {
            if (current[0] != null || data.length() > 0) {
              events.add(new Event(current[0], current[1], data.toString()));
            }
            current[0] = null;
            current[1] = null;
            data.setLength(0);
          } else if (line.startsWith("id:")) {
            current[0] = line.substring(3).trim();
          } else if (line.startsWith("event:")) {
            current[1] = line.substring(6).trim();
          } else if (line.startsWith("data:")) {
            data.append(line.substring(5));
          }
        });
  }

  List<String> ids() {
    return events.stream().map(Event::id).toList();
  }
}
