package dev.tempered.gateway.labelling;

import dev.tempered.api.job.FieldError;
import dev.tempered.gateway.job.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A job's pairs for human labelling: list them, label one, export the labelled ones. */
@RestController
@RequestMapping("/v1/jobs/{id}/pairs")
class PairController {

  /** The media type of the export: JSON lines. */
  static final String JSONL = "application/jsonl";

  private static final int MAX_LIMIT = 100;

  private final Labelling labelling;

  PairController(Labelling labelling) {
    this.labelling = labelling;
  }

  @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
  PairPage list(
      @PathVariable String id,
      @RequestParam(required = false) String status,
      @RequestParam(defaultValue = "20") int limit,
      @RequestParam(required = false) String cursor) {
    List<FieldError> errors = new ArrayList<>();
    if (status != null && !Labels.STATUSES.contains(status)) {
      errors.add(new FieldError("status", "must be one of " + Labels.STATUSES));
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      errors.add(new FieldError("limit", "must be between 1 and " + MAX_LIMIT));
    }
    long after = cursor == null ? 0 : decode(cursor);
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    List<PairEntry> matching =
        labelling.pairs(id, status).stream().filter(e -> e.sequence() > after).toList();
    List<PairEntry> page = matching.subList(0, Math.min(limit, matching.size()));
    String next = matching.size() > limit ? encode(page.get(page.size() - 1).sequence()) : null;
    return new PairPage(page.stream().map(PairView::of).toList(), labelling.pending(id), next);
  }

  /** 200 with the labelled pair, also when it already had this label; 409 for another label. */
  @PostMapping(
      path = "/{pairId}/label",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  PairView label(
      @PathVariable String id, @PathVariable String pairId, @RequestBody LabelRequest request) {
    String preferred = request == null ? null : request.preferred();
    if (preferred == null || !Labels.ALL.contains(preferred)) {
      throw new InvalidRequestException("preferred", "must be one of " + Labels.ALL);
    }
    return labelling.label(id, pairId, preferred);
  }

  /**
   * The labelled pairs as JSON lines {@code {"prompt","chosen","rejected"}}; the headers count what
   * was exported and what was left out.
   */
  // No produces: a problem (404) must still be writable as application/problem+json.
  @GetMapping("/export")
  ResponseEntity<String> export(@PathVariable String id) {
    PairExport export = labelling.export(id);
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(JSONL + ";charset=UTF-8"))
        .header("Tempered-Pairs-Exported", String.valueOf(export.exported()))
        .header("Tempered-Pairs-Ties", String.valueOf(export.ties()))
        .header("Tempered-Pairs-Skipped", String.valueOf(export.skipped()))
        .header("Tempered-Pairs-Pending", String.valueOf(export.pending()))
        .body(export.jsonl());
  }

  private static String encode(long sequence) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(("p" + sequence).getBytes(StandardCharsets.UTF_8));
  }

  private static long decode(String cursor) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (!text.startsWith("p")) {
        throw new IllegalArgumentException("not a pair cursor");
      }
      return Long.parseLong(text.substring(1));
    } catch (RuntimeException e) {
      throw new InvalidRequestException("cursor", "not a cursor returned by this API");
    }
  }
}
