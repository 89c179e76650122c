package dev.tempered.gateway.events;

import dev.tempered.api.job.JobEvent;
import dev.tempered.gateway.job.EventLog;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One client's Server-Sent Events stream of a job: sends every event after the last one sent, each
 * with its sequence as {@code id} and its type as {@code event}, and ends after the event that ends
 * the job. Each drain re-reads the log, so a notification can never skip an event.
 */
final class EventStream {

  private static final int BATCH = 500;

  private final EventLog log;
  private final String jobId;
  private final SseEmitter emitter;
  private long lastSent;
  private boolean closed;

  EventStream(EventLog log, String jobId, long after, SseEmitter emitter) {
    this.log = log;
    this.jobId = jobId;
    this.lastSent = after;
    this.emitter = emitter;
  }

  String jobId() {
    return jobId;
  }

  /** Sends what is new; false once the stream is over. */
  synchronized boolean drain() {
    if (closed) {
      return false;
    }
    try {
      List<JobEvent> batch;
      do {
        batch = log.after(jobId, lastSent, BATCH);
        for (JobEvent event : batch) {
          JobEventView view = JobEventView.of(event);
          emitter.send(
              SseEmitter.event()
                  .id(Long.toString(view.id()))
                  .name(view.type().name().toLowerCase(Locale.ROOT))
                  .data(view, MediaType.APPLICATION_JSON));
          lastSent = view.id();
          if (view.endsTheJob()) {
            close();
            emitter.complete();
            return false;
          }
        }
      } while (batch.size() == BATCH);
      return true;
    } catch (IOException | IllegalStateException e) {
      // The client went away (or the emitter timed out): nothing left to send to.
      close();
      return false;
    }
  }

  synchronized void close() {
    closed = true;
  }
}
