package dev.tempered.launcher.stack;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A stand-in for a Spring Boot service, packed into a jar by {@link ServiceProcessTest}: it answers
 * {@code /actuator/health} with UP on {@code --server.port}, or exits with 3 when told {@code
 * --fail}.
 */
public final class FakeService {

  private FakeService() {}

  public static void main(String[] args) throws Exception {
    System.out.println("fake service started with " + String.join(" ", args));
    if (Arrays.asList(args).contains("--fail")) {
      System.out.println("boom: no broker");
      System.exit(3);
    }
    int port =
        Arrays.stream(args)
            .filter(a -> a.startsWith("--server.port="))
            .mapToInt(a -> Integer.parseInt(a.substring("--server.port=".length())))
            .findFirst()
            .orElseThrow();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.createContext(
        "/actuator/health",
        exchange -> {
          byte[] body = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> System.out.println("fake service stopping")));
  }
}
