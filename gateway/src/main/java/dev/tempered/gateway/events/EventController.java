package dev.tempered.gateway.events;

import dev.tempered.api.job.JobEvent;
import dev.tempered.gateway.job.EventLog;
import dev.tempered.gateway.job.InvalidRequestException;
import dev.tempered.gateway.job.JobNotFoundException;
import dev.tempered.gateway.job.JobStore;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** A job's events, paged or streamed, and its checkpoints. */
@RestController
@RequestMapping("/v1/jobs/{id}")
class EventController {

  private static final int MAX_LIMIT = 1000;

  private final JobStore jobs;
  private final EventLog log;
  private final EventStreams streams;

  EventController(JobStore jobs, EventLog log, EventStreams streams) {
    this.jobs = jobs;
    this.log = log;
    this.streams = streams;
  }

  @GetMapping(path = "/events", produces = MediaType.APPLICATION_JSON_VALUE)
  EventPage events(
      @PathVariable String id,
      @RequestParam(defaultValue = "0") long after,
      @RequestParam(defaultValue = "100") int limit) {
    requireJob(id);
    if (after < 0) {
      throw new InvalidRequestException("after", "must be 0 or more");
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidRequestException("limit", "must be between 1 and " + MAX_LIMIT);
    }
    List<JobEvent> page = log.after(id, after, limit + 1);
    boolean more = page.size() > limit;
    List<JobEventView> events =
        page.subList(0, Math.min(limit, page.size())).stream().map(JobEventView::of).toList();
    long next = events.isEmpty() ? after : events.get(events.size() - 1).id();
    return new EventPage(id, events, next, more);
  }

  /**
   * The events after {@code Last-Event-ID} (a reconnecting browser sends it) or {@code after}, then
   * each new one as it happens; the stream ends after the job's terminal state.
   */
  @GetMapping(path = "/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  SseEmitter stream(
      @PathVariable String id,
      @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
      @RequestParam(defaultValue = "0") long after) {
    requireJob(id);
    long from = after;
    if (lastEventId != null && !lastEventId.isBlank()) {
      try {
        from = Long.parseLong(lastEventId.trim());
      } catch (NumberFormatException e) {
        throw new InvalidRequestException("Last-Event-ID", "must be an event id (an integer)");
      }
    }
    if (from < 0) {
      throw new InvalidRequestException("after", "must be 0 or more");
    }
    return streams.open(id, from);
  }

  @GetMapping(path = "/checkpoints", produces = MediaType.APPLICATION_JSON_VALUE)
  CheckpointList checkpoints(@PathVariable String id) {
    requireJob(id);
    return new CheckpointList(
        id, log.checkpoints(id).stream().map(e -> CheckpointDetail.of(e.checkpoint())).toList());
  }

  private void requireJob(String id) {
    if (jobs.find(id).isEmpty()) {
      throw new JobNotFoundException(id);
    }
  }
}
