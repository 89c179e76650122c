package dev.tempered.gateway.kafka;

import dev.tempered.api.job.JobEvent;
import dev.tempered.api.job.JobRecord;
import dev.tempered.api.job.LabellingEvent;
import dev.tempered.api.topic.Topics;
import dev.tempered.gateway.config.GatewayProperties;
import dev.tempered.gateway.job.EventLog;
import dev.tempered.gateway.job.JobCommands;
import dev.tempered.gateway.job.JobLifecycle;
import dev.tempered.gateway.labelling.PairStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.support.serializer.JacksonJsonDeserializer;
import org.springframework.stereotype.Component;

/**
 * Reads the jobs, job-events and labelling topics to their end before the web server and the
 * listeners start, so that a restarted gateway answers with every job and event it had, and the
 * listeners that replay rollouts and checkpoints find the events those already produced (and add
 * none twice); then carries on submissions that a stop interrupted.
 */
@Component
class HistoryReplay implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(HistoryReplay.class);
  private static final Duration POLL = Duration.ofMillis(200);

  private final ConsumerFactory<String, Object> consumers;
  private final JobLifecycle lifecycle;
  private final JobCommands commands;
  private final EventLog events;
  private final PairStore pairs;
  private final Duration timeout;
  private volatile boolean running;

  HistoryReplay(
      ConsumerFactory<String, Object> consumers,
      JobLifecycle lifecycle,
      JobCommands commands,
      EventLog events,
      PairStore pairs,
      GatewayProperties properties) {
    this.consumers = consumers;
    this.lifecycle = lifecycle;
    this.commands = commands;
    this.events = events;
    this.pairs = pairs;
    this.timeout = properties.replayTimeout();
  }

  @Override
  public void start() {
    Instant deadline = Instant.now().plus(timeout);
    int jobs = replay(Topics.JOBS, JobRecord.class, lifecycle::onJobRecord, deadline);
    int history = replay(Topics.JOB_EVENTS, JobEvent.class, events::append, deadline);
    int labelling = replay(Topics.LABELLING, LabellingEvent.class, pairs::apply, deadline);
    log.info(
        "replayed {} job records, {} job events and {} labelling events", jobs, history, labelling);
    commands.finishSubmissions();
    running = true;
  }

  private <T> int replay(String topic, Class<T> type, Consumer<T> sink, Instant deadline) {
    Properties overrides = new Properties();
    overrides.put(JacksonJsonDeserializer.VALUE_DEFAULT_TYPE, type.getName());
    // No group: the partitions are assigned, read from the start and nothing is committed.
    overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    try (org.apache.kafka.clients.consumer.Consumer<String, Object> consumer =
        consumers.createConsumer(null, "gateway-replay", null, overrides)) {
      List<PartitionInfo> partitions = consumer.partitionsFor(topic, timeout);
      if (partitions == null || partitions.isEmpty()) {
        return 0;
      }
      List<TopicPartition> assigned =
          partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(assigned);
      consumer.seekToBeginning(assigned);
      Map<TopicPartition, Long> end = consumer.endOffsets(assigned, timeout);
      int count = 0;
      while (!reachedEnd(consumer, end)) {
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException(
              "could not read topic " + topic + " to its end within " + timeout);
        }
        for (ConsumerRecord<String, Object> record : consumer.poll(POLL)) {
          if (type.isInstance(record.value())) {
            sink.accept(type.cast(record.value()));
            count++;
          } else if (record.value() != null) {
            log.warn(
                "skipping unreadable record at {}-{}@{}",
                topic,
                record.partition(),
                record.offset());
          }
        }
      }
      return count;
    }
  }

  private static boolean reachedEnd(
      org.apache.kafka.clients.consumer.Consumer<String, Object> consumer,
      Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void stop() {
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Before the web server (phase {@code MAX_VALUE - 2048}) and the Kafka listener containers. */
  @Override
  public int getPhase() {
    return 0;
  }
}
