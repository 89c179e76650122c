package dev.tempered.api.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.springframework.kafka.listener.BatchInterceptor;
import org.springframework.kafka.listener.RecordInterceptor;

/**
 * Records {@code tempered.kafka.record.age{topic}}: how long a record waited between its producer
 * (the record's create timestamp) and this consumer, as a percentile histogram. Summed over the
 * hops noisy-inputs, candidates and scored-groups it is the pipeline's end-to-end queueing latency.
 */
public final class RecordAge
    implements RecordInterceptor<Object, Object>, BatchInterceptor<Object, Object> {

  public static final String NAME = "tempered.kafka.record.age";

  /** Histogram buckets stop here; older records (a compacted topic read from the start) clamp. */
  private static final Duration MAX_EXPECTED = Duration.ofMinutes(10);

  private final MeterRegistry registry;
  private final Clock clock;
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();

  public RecordAge(MeterRegistry registry, Clock clock) {
    this.registry = registry;
    this.clock = clock;
  }

  @Override
  public ConsumerRecord<Object, Object> intercept(
      ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
    observe(record);
    return record;
  }

  @Override
  public ConsumerRecords<Object, Object> intercept(
      ConsumerRecords<Object, Object> records, Consumer<Object, Object> consumer) {
    records.forEach(this::observe);
    return records;
  }

  private void observe(ConsumerRecord<?, ?> record) {
    if (record.timestamp() < 0) {
      return; // no timestamp (pre-0.10 message format): nothing to measure
    }
    long ageMs = Math.max(0, clock.millis() - record.timestamp());
    timers.computeIfAbsent(record.topic(), this::timer).record(ageMs, TimeUnit.MILLISECONDS);
  }

  private Timer timer(String topic) {
    return Timer.builder(NAME)
        .description("time from a record's creation by its producer to its consumption")
        .tag("topic", topic)
        .publishPercentileHistogram()
        .maximumExpectedValue(MAX_EXPECTED)
        .register(registry);
  }
}
