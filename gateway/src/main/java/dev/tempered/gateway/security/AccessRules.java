package dev.tempered.gateway.security;

import java.util.Optional;

/**
 * The role each request needs: reading anything under {@code /v1} needs {@link Role#READ};
 * submitting, pausing, resuming and cancelling need {@link Role#SUBMIT}. Paths outside {@code /v1}
 * (the OpenAPI document, actuator health, info and prometheus) need none.
 */
final class AccessRules {

  private AccessRules() {}

  /** The role needed, or empty when the request is open to all. */
  static Optional<Role> required(String method, String path) {
    if (!path.equals("/v1") && !path.startsWith("/v1/")) {
      return Optional.empty();
    }
    return switch (method) {
      case "GET", "HEAD", "OPTIONS" -> Optional.of(Role.READ);
      default -> Optional.of(Role.SUBMIT);
    };
  }

  /** Whether {@code roles} include {@code needed} (admin includes every role). */
  static boolean grants(java.util.Set<Role> roles, Role needed) {
    return roles.contains(Role.ADMIN) || roles.contains(needed);
  }
}
