package dev.tempered.gateway.job;

import dev.tempered.gateway.config.GatewayProperties;
import java.time.Duration;
import org.springframework.util.unit.DataSize;

/** Gateway settings for unit tests: progress every 5 s, cancellation after 2 s. */
final class TestProperties {

  private TestProperties() {}

  static GatewayProperties gateway() {
    return new GatewayProperties(
        Duration.ofSeconds(5),
        Duration.ofSeconds(1),
        Duration.ofSeconds(2),
        Duration.ofSeconds(10),
        DataSize.ofKilobytes(256),
        Duration.ofMinutes(1));
  }
}
