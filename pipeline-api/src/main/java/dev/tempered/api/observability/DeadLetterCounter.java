package dev.tempered.api.observability;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.springframework.kafka.listener.RetryListener;

/**
 * Counts {@code tempered.kafka.dead.letters{topic}}: records of {@code topic} that the error
 * handler gave up on and recovered, which in every service means published to {@code <topic>-dlt}.
 */
public final class DeadLetterCounter implements RetryListener {

  public static final String NAME = "tempered.kafka.dead.letters";

  private final MeterRegistry registry;

  public DeadLetterCounter(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void failedDelivery(ConsumerRecord<?, ?> record, Exception ex, int deliveryAttempt) {
    // Retries are not dead letters; only recovered records count.
  }

  @Override
  public void recovered(ConsumerRecord<?, ?> record, Exception ex) {
    count(record, ex);
  }

  @Override
  public void recovered(ConsumerRecords<?, ?> records, Exception ex) {
    records.forEach(record -> count(record, ex));
  }

  private void count(ConsumerRecord<?, ?> record, Exception ex) {
    registry.counter(NAME, "topic", record.topic(), "exception", rootCause(ex)).increment();
  }

  /** The innermost cause's simple class name: listener failures arrive wrapped by the container. */
  static String rootCause(Throwable ex) {
    if (ex == null) {
      return "none";
    }
    Throwable cause = ex;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause.getClass().getSimpleName();
  }
}
