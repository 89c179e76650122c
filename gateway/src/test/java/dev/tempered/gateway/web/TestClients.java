package dev.tempered.gateway.web;

import org.springframework.test.web.servlet.client.RestTestClient;

/** HTTP clients for the gateway on a random port. */
public final class TestClients {

  private TestClients() {}

  /** A client without credentials. */
  public static RestTestClient anonymous(int port) {
    return RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
  }

  /** The admin key of src/test/resources/config/application.yml. */
  public static final String ADMIN_KEY = "test-admin-key-0123";

  public static final String READ_KEY = "test-read-key-0123";
  public static final String SUBMIT_KEY = "test-submit-key-0123";

  /** A client holding an admin key. */
  public static RestTestClient admin(int port) {
    return withKey(port, ADMIN_KEY);
  }

  public static RestTestClient withKey(int port, String key) {
    return RestTestClient.bindToServer()
        .baseUrl("http://localhost:" + port)
        .defaultHeader("Authorization", "Bearer " + key)
        .build();
  }
}
