package dev.tempered.launcher.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts the real broker from kafka-libs as a child process, round-trips one record, stops it. */
class KafkaBrokerTest {

  @TempDir Path work;

  @Test
  void startsServesAndStops() throws Exception {
    Path libs = Path.of(System.getProperty("tempered.kafka.libs", "target/kafka-libs"));
    Path log = work.resolve("logs/kafka.log");
    KafkaBroker broker = KafkaBroker.start(libs, work.resolve("kafka"), log, Duration.ofMinutes(2));
    try {
      String servers = broker.bootstrapServers();
      assertThat(servers).matches("127\\.0\\.0\\.1:\\d+");
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", servers))) {
        admin
            .createTopics(List.of(new NewTopic("launcher-check", 2, (short) 1)))
            .all()
            .get(30, TimeUnit.SECONDS);
        assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("launcher-check");
      }
      RecordMetadata sent;
      try (KafkaProducer<String, String> producer =
          new KafkaProducer<>(
              Map.of("bootstrap.servers", servers),
              new StringSerializer(),
              new StringSerializer())) {
        sent =
            producer
                .send(new ProducerRecord<>("launcher-check", "job-1", "hello broker"))
                .get(30, TimeUnit.SECONDS);
      }
      assertThat(sent.topic()).isEqualTo("launcher-check");
      try (KafkaConsumer<String, String> consumer =
          new KafkaConsumer<>(
              Map.of(
                  "bootstrap.servers",
                  servers,
                  "group.id",
                  "launcher-check",
                  "auto.offset.reset",
                  "earliest"),
              new StringDeserializer(),
              new StringDeserializer())) {
        consumer.subscribe(Set.of("launcher-check"));
        ConsumerRecords<String, String> records = ConsumerRecords.empty();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (records.isEmpty() && System.nanoTime() < deadline) {
          records = consumer.poll(Duration.ofMillis(500));
        }
        assertThat(records.count()).isEqualTo(1);
        var record = records.iterator().next();
        assertThat(record.key()).isEqualTo("job-1");
        assertThat(record.value()).isEqualTo("hello broker");
        assertThat(record.partition()).isEqualTo(sent.partition());
        assertThat(record.offset()).isEqualTo(sent.offset());
      }
    } finally {
      broker.close();
    }
    assertThat(broker.isAlive()).isFalse();
    assertThat(Files.readString(log)).contains("Kafka Server started");
    try (var left = Files.list(work.resolve("kafka"))) {
      assertThat(left).isEmpty();
    }
  }
}
