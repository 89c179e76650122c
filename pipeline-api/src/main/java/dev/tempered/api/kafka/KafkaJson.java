package dev.tempered.api.kafka;

import dev.tempered.api.topic.Topics;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;
import org.springframework.util.backoff.FixedBackOff;

/**
 * The Kafka conventions every service shares: String keys, JSON values without type headers (each
 * consumer names its value type, so producers and consumers need not share class names), and poison
 * records dead-lettered to {@code <topic>-dlt} after two quick retries.
 *
 * <p>Services keep their own topics, group ids, offset resets, consumer overrides and non-retryable
 * exceptions; this class only builds the parts that were identical everywhere.
 */
public final class KafkaJson {

  /** Pause between the retries of a failed record. */
  public static final long RETRY_INTERVAL_MS = 500L;

  /** Retries of a failed record before it is dead-lettered. */
  public static final long RETRIES = 2L;

  /**
   * Dead-letter partition that lets the producer choose, so a DLT with fewer partitions than its
   * source topic works.
   */
  private static final int ANY_PARTITION = -1;

  private KafkaJson() {}

  /**
   * A producer factory with String keys and JSON values without type headers, except that raw
   * {@code byte[]} values pass through unchanged so a record that failed deserialisation reaches
   * its DLT with its original bytes rather than re-serialised as JSON.
   */
  public static ProducerFactory<String, Object> producerFactory(Map<String, Object> producerProps) {
    Map<Class<?>, Serializer<?>> byType = new LinkedHashMap<>();
    // Order matters: the first assignable type wins, and byte[] is also an Object.
    byType.put(byte[].class, new ByteArraySerializer());
    byType.put(Object.class, new JacksonJsonSerializer<>().noTypeInfo());
    return new DefaultKafkaProducerFactory<>(
        producerProps, new StringSerializer(), new DelegatingByTypeSerializer(byType, true));
  }

  /**
   * A recoverer that publishes a failed record to {@code Topics.deadLetter(record.topic())} on a
   * partition chosen by the producer.
   */
  public static DeadLetterPublishingRecoverer deadLetterRecoverer(KafkaOperations<?, ?> template) {
    return new DeadLetterPublishingRecoverer(
        template,
        (record, exception) ->
            new TopicPartition(Topics.deadLetter(record.topic()), ANY_PARTITION));
  }

  /** An error handler that retries a failed record twice, 500 ms apart, then dead-letters it. */
  public static DefaultErrorHandler deadLetterErrorHandler(KafkaOperations<?, ?> template) {
    return deadLetterErrorHandler(deadLetterRecoverer(template));
  }

  /**
   * An error handler that retries a failed record twice, 500 ms apart, then hands it to {@code
   * recoverer}.
   */
  public static DefaultErrorHandler deadLetterErrorHandler(
      DeadLetterPublishingRecoverer recoverer) {
    return new DefaultErrorHandler(recoverer, new FixedBackOff(RETRY_INTERVAL_MS, RETRIES));
  }

  /**
   * A listener container factory whose consumers read String keys and JSON values of {@code type},
   * ignoring any type headers, with deserialisation failures turned into a header for the error
   * handler instead of an endless poll loop.
   */
  public static <T> ConcurrentKafkaListenerContainerFactory<String, T> listenerFactory(
      Map<String, Object> consumerProps, Class<T> type, CommonErrorHandler errorHandler) {
    var factory = new ConcurrentKafkaListenerContainerFactory<String, T>();
    factory.setConsumerFactory(
        new DefaultKafkaConsumerFactory<>(
            consumerProps, StringDeserializer::new, () -> valueDeserializer(type)));
    factory.setCommonErrorHandler(errorHandler);
    return factory;
  }

  /**
   * The value deserializer of {@link #listenerFactory}: JSON read into {@code type} regardless of
   * type headers, failures recorded in a header.
   */
  public static <T> ErrorHandlingDeserializer<T> valueDeserializer(Class<T> type) {
    return new ErrorHandlingDeserializer<>(new JacksonJsonDeserializer<>(type).ignoreTypeHeaders());
  }
}
