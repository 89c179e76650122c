package dev.tempered.gateway.security;

import java.util.Optional;
import java.util.Set;

/**
 * The role each request needs, denying by default: only the OpenAPI document, the actuator's
 * health, info and prometheus endpoints and the data-less report page ({@code GET /ui/...}, whose
 * script calls the API with the user's key) are open; any other GET needs {@link Role#READ}, and
 * any other method (submit, pause, resume, cancel) {@link Role#SUBMIT}.
 */
final class AccessRules {

  private static final Set<String> OPEN =
      Set.of(
          "/actuator/health",
          "/actuator/info",
          "/actuator/prometheus",
          "/v3/api-docs.yaml",
          "/openapi.yaml");
  private static final String HEALTH_GROUPS = "/actuator/health/";
  private static final String REPORT_PAGE = "/ui/";

  private AccessRules() {}

  /** The role needed, or empty when the request is open to all. */
  static Optional<Role> required(String method, String path) {
    if (OPEN.contains(path)
        || (openPrefix(method, path) && !path.contains("//") && !path.contains(".."))) {
      return Optional.empty();
    }
    return switch (method) {
      case "GET", "HEAD", "OPTIONS" -> Optional.of(Role.READ);
      default -> Optional.of(Role.SUBMIT);
    };
  }

  private static boolean openPrefix(String method, String path) {
    return path.startsWith(HEALTH_GROUPS)
        || (path.startsWith(REPORT_PAGE) && (method.equals("GET") || method.equals("HEAD")));
  }

  /** Whether {@code roles} include {@code needed} (admin includes every role). */
  static boolean grants(Set<Role> roles, Role needed) {
    return roles.contains(Role.ADMIN) || roles.contains(needed);
  }
}
