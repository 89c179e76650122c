package dev.tempered.gateway.job;

import dev.tempered.api.job.JobSpec;
import dev.tempered.gateway.report.ReportStore;
import dev.tempered.gateway.report.RobustnessReport;
import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/** The job resource: submit, list, get, and the robustness report. */
@RestController
@RequestMapping(path = "/v1/jobs", produces = MediaType.APPLICATION_JSON_VALUE)
class JobController {

  private final JobLifecycle lifecycle;
  private final JobStore store;
  private final ReportStore reports;

  JobController(JobLifecycle lifecycle, JobStore store, ReportStore reports) {
    this.lifecycle = lifecycle;
    this.store = store;
    this.reports = reports;
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<JobView> submit(@RequestBody JobSpec spec, UriComponentsBuilder uri) {
    JobView job = lifecycle.submit(spec);
    URI location = uri.path("/v1/jobs/{id}").buildAndExpand(job.id()).toUri();
    return ResponseEntity.created(location).body(job);
  }

  @GetMapping
  JobList list() {
    return new JobList(store.all().stream().map(JobViews::of).toList());
  }

  @GetMapping("/{id}")
  JobView get(@PathVariable String id) {
    return JobViews.of(entry(id));
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
}
