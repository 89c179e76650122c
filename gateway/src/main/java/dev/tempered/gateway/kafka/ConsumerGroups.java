package dev.tempered.gateway.kafka;

import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Consumer group ids unique to this gateway instance ({@code gateway-<topic>-<random>}): a fresh
 * group has no committed offsets, so every start reads each topic from the beginning.
 */
@Component("consumerGroups")
class ConsumerGroups {

  private final String instance = UUID.randomUUID().toString().substring(0, 8);

  /** The group id for {@code topic}. */
  public String of(String topic) {
    return "gateway-" + topic + "-" + instance;
  }
}
