package dev.tempered.api.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tempered.api.kafka.KafkaJson;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.NamingConvention;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** The shared meters and the Kafka readiness check, with hand-computed expectations. */
class ObservabilityTest {

  private static ConsumerRecord<Object, Object> record(String topic, long timestamp) {
    return new ConsumerRecord<>(
        topic,
        0,
        0L,
        timestamp,
        TimestampType.CREATE_TIME,
        0,
        0,
        "k",
        "v",
        new RecordHeaders(),
        Optional.empty());
  }

  @Test
  void recordAgeIsConsumeTimeMinusCreateTimePerTopic() {
    MeterRegistry registry = new SimpleMeterRegistry();
    Clock now = Clock.fixed(Instant.ofEpochMilli(10_000), ZoneOffset.UTC);
    RecordAge age = new RecordAge(registry, now);

    age.intercept(record("candidates", 7_500), null);
    age.intercept(record("candidates", -1), null); // no timestamp: not measured
    age.intercept(
        new ConsumerRecords<>(
            Map.of(
                new TopicPartition("noisy-inputs", 0),
                List.of(record("noisy-inputs", 9_000), record("noisy-inputs", 4_000))),
            Map.of()),
        null);

    Timer candidates = registry.get(RecordAge.NAME).tag("topic", "candidates").timer();
    assertThat(candidates.count()).isEqualTo(1);
    assertThat(candidates.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(2_500.0);
    Timer noisy = registry.get(RecordAge.NAME).tag("topic", "noisy-inputs").timer();
    assertThat(noisy.count()).isEqualTo(2);
    // (10000 - 9000) + (10000 - 4000)
    assertThat(noisy.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(7_000.0);
    assertThat(noisy.max(TimeUnit.MILLISECONDS)).isEqualTo(6_000.0);
  }

  @Test
  void deadLettersCountRecoveredRecordsByTopicAndRootCause() {
    MeterRegistry registry = new SimpleMeterRegistry();
    DeadLetterCounter counter = new DeadLetterCounter(registry);
    Exception wrapped =
        new ListenerExecutionFailedException(
            "listener failed", new IllegalArgumentException("bad"));

    counter.failedDelivery(record("candidates", 1), wrapped, 1); // a retry, not a dead letter
    counter.recovered(record("candidates", 1), wrapped);
    counter.recovered(record("candidates", 2), wrapped);

    assertThat(
            registry
                .get(DeadLetterCounter.NAME)
                .tags("topic", "candidates", "exception", "IllegalArgumentException")
                .counter()
                .count())
        .isEqualTo(2.0);
  }

  @Test
  void readinessIsDownWithoutABrokerAndUpWithOne() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    KafkaReadiness nobody =
        new KafkaReadiness(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + closedPort),
            Duration.ofMillis(500));
    try {
      assertThat(nobody.health(true).getStatus()).isEqualTo(Status.DOWN);
    } finally {
      nobody.destroy();
    }

    EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
    broker.afterPropertiesSet();
    try {
      KafkaReadiness ready =
          new KafkaReadiness(
              Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()),
              Duration.ofSeconds(5));
      var health = ready.health(true);
      ready.destroy();
      assertThat(health.getStatus()).isEqualTo(Status.UP);
      assertThat(health.getDetails()).containsEntry("brokers", 1);
    } finally {
      broker.destroy();
    }
  }

  @Test
  void autoConfigurationInstrumentsTheServicesOwnKafkaBeans() {
    new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                KafkaAutoConfiguration.class, ObservabilityAutoConfiguration.class))
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .withBean("errorHandler", DefaultErrorHandler.class, () -> new DefaultErrorHandler())
        .withBean(
            "listenerFactory",
            ConcurrentKafkaListenerContainerFactory.class,
            () -> KafkaJson.listenerFactory(Map.of(), String.class, new DefaultErrorHandler()))
        .withBean(
            "producerFactory", ProducerFactory.class, () -> KafkaJson.producerFactory(Map.of()))
        .run(
            context -> {
              assertThat(context).hasBean("kafkaHealthIndicator");
              var factory =
                  context.getBean("listenerFactory", ConcurrentKafkaListenerContainerFactory.class);
              assertThat(factory.getRecordInterceptor()).isInstanceOf(RecordAge.class);
              assertThat(factory.getBatchInterceptor()).isInstanceOf(RecordAge.class);
              assertThat(factory.getConsumerFactory().getListeners()).hasSize(1);
              assertThat(context.getBean(ProducerFactory.class).getListeners()).hasSize(1);
            });
  }

  @Test
  void jobTagIsExportedAsJobIdAndOtherTagsKeepTheExportersNames() {
    JobLabel label = new JobLabel(NamingConvention.snakeCase);

    assertThat(label.tagKey("job")).isEqualTo("job_id");
    assertThat(label.tagKey("client.id")).isEqualTo("client_id");
    assertThat(label.name("tempered.trainer.kl", Meter.Type.GAUGE, null))
        .isEqualTo("tempered_trainer_kl");
  }
}
