package dev.tempered.gateway.security;

import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The keys that may call {@code /v1}. Without any, every {@code /v1} request is refused with 401:
 * the {@code local} profile configures the documented development key {@code tempered-local-dev}.
 *
 * @param apiKeys accepted as {@code Authorization: Bearer <key>} or {@code X-API-Key: <key>}
 */
@ConfigurationProperties("tempered.gateway.security")
public record SecurityProperties(@DefaultValue List<ApiKey> apiKeys) {

  /**
   * One key.
   *
   * @param name who holds it (logged, never the key itself)
   * @param key the secret, at least 16 characters
   * @param roles what it may do
   */
  public record ApiKey(String name, String key, Set<Role> roles) {

    private static final int MIN_LENGTH = 16;

    public ApiKey {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("tempered.gateway.security.api-keys[].name is required");
      }
      if (key == null || key.length() < MIN_LENGTH) {
        throw new IllegalArgumentException(
            "tempered.gateway.security.api-keys[] '"
                + name
                + "': key must have at least "
                + MIN_LENGTH
                + " characters");
      }
      roles = roles == null ? Set.of() : Set.copyOf(roles);
    }

    @Override
    public String toString() {
      return "ApiKey[name=" + name + ", roles=" + roles + "]";
    }
  }
}
