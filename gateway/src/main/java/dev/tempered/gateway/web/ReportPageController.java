package dev.tempered.gateway.web;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the report page of a job; the page is the same for every job and holds no data (its script
 * reads the job from the path and the API key from the URL fragment), so it is open.
 */
@RestController
class ReportPageController {

  private final Resource page = new ClassPathResource("static/ui/report.html");

  @GetMapping(path = "/ui/jobs/{id}", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<Resource> reportPage(@PathVariable String id) {
    return ResponseEntity.ok()
        .contentType(MediaType.TEXT_HTML)
        .cacheControl(CacheControl.noCache())
        .header("Referrer-Policy", "no-referrer")
        .body(page);
  }
}
