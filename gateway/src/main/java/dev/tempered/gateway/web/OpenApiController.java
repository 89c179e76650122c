package dev.tempered.gateway.web;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the hand-written OpenAPI document (also a static resource at {@code /openapi.yaml}) at the
 * path tools look for first.
 */
@RestController
class OpenApiController {

  // The charset matters: without it clients decode the document's non-ASCII text (an en dash) as
  // ISO-8859-1.
  static final MediaType YAML = MediaType.parseMediaType("application/yaml;charset=UTF-8");
  private final Resource document = new ClassPathResource("static/openapi.yaml");

  @GetMapping("/v3/api-docs.yaml")
  ResponseEntity<Resource> openApi() {
    return ResponseEntity.ok().contentType(YAML).body(document);
  }
}
