package dev.tempered.gateway.job;

import dev.tempered.api.job.FieldError;
import dev.tempered.api.job.JobSpec;
import dev.tempered.api.job.JobState;
import dev.tempered.gateway.report.ReportStore;
import dev.tempered.gateway.report.RobustnessReport;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/** The job resource: submit, list, get, pause, resume, cancel, and the robustness report. */
@RestController
@RequestMapping(path = "/v1/jobs", produces = MediaType.APPLICATION_JSON_VALUE)
class JobController {

  static final String IDEMPOTENCY_KEY = "Idempotency-Key";
  private static final int MAX_KEY_LENGTH = 255;
  private static final int MAX_LIMIT = 100;

  private final JobCommands commands;
  private final JobStore store;
  private final ReportStore reports;

  JobController(JobCommands commands, JobStore store, ReportStore reports) {
    this.commands = commands;
    this.store = store;
    this.reports = reports;
  }

  /** 201 with the new job; 200 with the original job when the key and spec were seen before. */
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<JobView> submit(
      @RequestBody JobSpec spec,
      @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
      UriComponentsBuilder uri) {
    if (key != null && (key.isBlank() || key.length() > MAX_KEY_LENGTH)) {
      throw new InvalidRequestException(
          IDEMPOTENCY_KEY, "must be 1 to " + MAX_KEY_LENGTH + " non-blank characters");
    }
    Submission submission = commands.submit(spec, key);
    JobView job = submission.job();
    URI location = uri.path("/v1/jobs/{id}").buildAndExpand(job.id()).toUri();
    return ResponseEntity.status(submission.replayed() ? HttpStatus.OK : HttpStatus.CREATED)
        .location(location)
        .header("Idempotent-Replayed", String.valueOf(submission.replayed()))
        .body(job);
  }

  @GetMapping
  JobList list(
      @RequestParam(defaultValue = "20") int limit,
      @RequestParam(required = false) String cursor,
      @RequestParam(name = "status", required = false) List<String> status) {
    List<FieldError> errors = new ArrayList<>();
    if (limit < 1 || limit > MAX_LIMIT) {
      errors.add(new FieldError("limit", "must be between 1 and " + MAX_LIMIT));
    }
    Set<JobState> states = states(status, errors);
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    return JobPages.page(store.all(), states, cursor, limit);
  }

  @GetMapping("/{id}")
  JobView get(@PathVariable String id) {
    return JobViews.of(entry(id));
  }

  @PostMapping("/{id}/pause")
  JobView pause(@PathVariable String id) {
    return commands.pause(id);
  }

  @PostMapping("/{id}/resume")
  JobView resume(@PathVariable String id) {
    return commands.resume(id);
  }

  /** 202: the job is CANCELLING; it becomes CANCELLED once its work has stopped. */
  @PostMapping("/{id}/cancel")
  ResponseEntity<JobView> cancel(@PathVariable String id) {
    return ResponseEntity.accepted().body(commands.cancel(id));
  }

  @GetMapping("/{id}/report")
  RobustnessReport report(@PathVariable String id) {
    JobEntry entry = entry(id);
    int heldOut =
        entry.record().spec() == null || entry.record().spec().dataset() == null
            ? 0
            : entry.record().spec().dataset().heldOutPrompts();
    return reports.report(id, heldOut);
  }

  private JobEntry entry(String id) {
    return store.find(id).orElseThrow(() -> new JobNotFoundException(id));
  }

  /** {@code status=RUNNING&status=PAUSED} or {@code status=running,paused}. */
  private static Set<JobState> states(List<String> values, List<FieldError> errors) {
    Set<JobState> states = EnumSet.noneOf(JobState.class);
    if (values == null) {
      return states;
    }
    for (String value : values) {
      for (String name : value.split(",")) {
        try {
          states.add(JobState.valueOf(name.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
          errors.add(
              new FieldError(
                  "status",
                  "unknown state '" + name.trim() + "'; known: " + List.of(JobState.values())));
        }
      }
    }
    return states;
  }
}
