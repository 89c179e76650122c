package dev.tempered.gateway.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/** Finds the configured key a request presents, comparing in constant time. */
final class ApiKeys {

  private final List<SecurityProperties.ApiKey> keys;

  ApiKeys(List<SecurityProperties.ApiKey> keys) {
    this.keys = List.copyOf(keys);
  }

  boolean isEmpty() {
    return keys.isEmpty();
  }

  /**
   * @param authorization the {@code Authorization} header, or null
   * @param apiKey the {@code X-API-Key} header, or null
   */
  Optional<SecurityProperties.ApiKey> find(String authorization, String apiKey) {
    String presented = apiKey;
    if (presented == null && authorization != null) {
      String[] parts = authorization.trim().split("\\s+", 2);
      if (parts.length == 2 && parts[0].equalsIgnoreCase("Bearer")) {
        presented = parts[1];
      }
    }
    if (presented == null || presented.isEmpty()) {
      return Optional.empty();
    }
    byte[] bytes = presented.getBytes(StandardCharsets.UTF_8);
    SecurityProperties.ApiKey found = null;
    for (SecurityProperties.ApiKey key : keys) {
      // Every key is compared, so the time taken does not tell which one matched.
      if (MessageDigest.isEqual(bytes, key.key().getBytes(StandardCharsets.UTF_8))) {
        found = key;
      }
    }
    return Optional.ofNullable(found);
  }
}
