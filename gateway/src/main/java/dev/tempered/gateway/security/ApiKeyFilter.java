package dev.tempered.gateway.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a request through only with a configured key that has the role it needs ({@link
 * AccessRules}): 401 without a valid key, 403 with one that lacks the role.
 */
final class ApiKeyFilter extends OncePerRequestFilter {

  static final String API_KEY_HEADER = "X-API-Key";

  /** The name of the key that authorised the request, for logs and handlers. */
  static final String PRINCIPAL = ApiKeyFilter.class.getName() + ".principal";

  private final ApiKeys keys;
  private final Problems problems;

  ApiKeyFilter(ApiKeys keys, Problems problems) {
    this.keys = keys;
    this.problems = problems;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Optional<Role> needed = AccessRules.required(request.getMethod(), request.getRequestURI());
    if (needed.isEmpty()) {
      chain.doFilter(request, response);
      return;
    }
    Optional<SecurityProperties.ApiKey> key =
        keys.find(request.getHeader(HttpHeaders.AUTHORIZATION), request.getHeader(API_KEY_HEADER));
    if (key.isEmpty()) {
      response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"tempered\"");
      problems.write(
          request,
          response,
          HttpServletResponse.SC_UNAUTHORIZED,
          "Unauthorized",
          "send a valid API key as 'Authorization: Bearer <key>' or '" + API_KEY_HEADER + "'");
      return;
    }
    if (!AccessRules.grants(key.get().roles(), needed.get())) {
      problems.write(
          request,
          response,
          HttpServletResponse.SC_FORBIDDEN,
          "Forbidden",
          "key '"
              + key.get().name()
              + "' lacks the role "
              + needed.get().name().toLowerCase(java.util.Locale.ROOT)
              + " that "
              + request.getMethod()
              + " "
              + request.getRequestURI()
              + " needs");
      return;
    }
    request.setAttribute(PRINCIPAL, key.get().name());
    chain.doFilter(request, response);
  }
}
