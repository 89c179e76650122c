package dev.tempered.gateway.security;

import dev.tempered.gateway.config.GatewayProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.databind.json.JsonMapper;

/** Registers the key check first and the size limit second, in front of every request. */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

  private static final Logger log = LoggerFactory.getLogger(SecurityConfig.class);

  @Bean
  FilterRegistrationBean<ApiKeyFilter> apiKeyFilter(SecurityProperties security, JsonMapper json) {
    ApiKeys keys = new ApiKeys(security.apiKeys());
    if (keys.isEmpty()) {
      log.warn(
          "no API keys configured (tempered.gateway.security.api-keys): every /v1 request is"
              + " refused; run with --spring.profiles.active=local for the development key");
    } else {
      log.info("API keys: {}", security.apiKeys());
    }
    FilterRegistrationBean<ApiKeyFilter> registration =
        new FilterRegistrationBean<>(new ApiKeyFilter(keys, new Problems(json)));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }

  @Bean
  FilterRegistrationBean<RequestSizeFilter> requestSizeFilter(
      GatewayProperties gateway, JsonMapper json) {
    FilterRegistrationBean<RequestSizeFilter> registration =
        new FilterRegistrationBean<>(
            new RequestSizeFilter(gateway.maxRequestSize().toBytes(), new Problems(json)));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
    return registration;
  }
}
