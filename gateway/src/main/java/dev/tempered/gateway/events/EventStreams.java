package dev.tempered.gateway.events;

import dev.tempered.gateway.config.GatewayProperties;
import dev.tempered.gateway.job.EventLog;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open Server-Sent Events streams. A new event only wakes the streams of its job; they send on
 * a pool of their own, so that the thread that appended the event never waits on a slow client.
 */
@Component
class EventStreams implements DisposableBean {

  private final EventLog log;
  private final long timeoutMillis;
  private final Set<EventStream> open = ConcurrentHashMap.newKeySet();
  private final ExecutorService senders =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "gateway-sse");
            t.setDaemon(true);
            return t;
          });
  private final Runnable unsubscribe;

  EventStreams(EventLog log, GatewayProperties properties) {
    this.log = log;
    this.timeoutMillis = properties.streamTimeout().toMillis();
    this.unsubscribe = log.subscribe(this::wake);
  }

  /** A stream of the job's events after {@code after}, then of each new one. */
  SseEmitter open(String jobId, long after) {
    SseEmitter emitter = new SseEmitter(timeoutMillis);
    EventStream stream = new EventStream(log, jobId, after, emitter);
    Runnable forget =
        () -> {
          stream.close();
          open.remove(stream);
        };
    emitter.onCompletion(forget);
    emitter.onTimeout(forget);
    emitter.onError(e -> forget.run());
    open.add(stream);
    senders.execute(() -> send(stream));
    return emitter;
  }

  private void wake(String jobId) {
    for (EventStream stream : open) {
      if (stream.jobId().equals(jobId)) {
        senders.execute(() -> send(stream));
      }
    }
  }

  private void send(EventStream stream) {
    if (!stream.drain()) {
      open.remove(stream);
    }
  }

  @Override
  public void destroy() {
    unsubscribe.run();
    open.forEach(EventStream::close);
    senders.shutdownNow();
  }
}
