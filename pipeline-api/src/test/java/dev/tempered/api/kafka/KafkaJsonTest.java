package dev.tempered.api.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.SendResult;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.kafka.support.serializer.SerializationUtils;

/** The shared serdes and dead-letter routing, checked without a broker. */
class KafkaJsonTest {

  /** A stand-in message record. */
  record Sample(String jobId, long step) {}

  /** Another record whose class name a producer might have put in a type header. */
  record Other(String name) {}

  private static final byte[] SAMPLE_JSON =
      "{\"jobId\":\"job-1\",\"step\":7}".getBytes(StandardCharsets.UTF_8);

  @Test
  void producerWritesJsonWithoutTypeHeadersAndRawBytesUnchanged() {
    @SuppressWarnings("unchecked")
    Serializer<Object> values =
        (Serializer<Object>)
            ((DefaultKafkaProducerFactory<String, Object>) KafkaJson.producerFactory(Map.of()))
                .getValueSerializer();
    Headers headers = new RecordHeaders();

    byte[] json = values.serialize("t", headers, new Sample("job-1", 7));

    assertThat(new String(json, StandardCharsets.UTF_8))
        .isEqualTo("{\"jobId\":\"job-1\",\"step\":7}");
    assertThat(headers.toArray()).isEmpty();
    byte[] poison = {1, 2, 3};
    assertThat(values.serialize("t", new RecordHeaders(), poison)).containsExactly(1, 2, 3);
  }

  @Test
  void deserializerIgnoresTypeHeadersAndReadsTheNamedType() {
    Deserializer<Sample> values = KafkaJson.valueDeserializer(Sample.class);
    values.configure(Map.of(), false);
    Headers headers = new RecordHeaders();
    headers.add("__TypeId__", Other.class.getName().getBytes(StandardCharsets.UTF_8));

    assertThat(values.deserialize("t", headers, SAMPLE_JSON)).isEqualTo(new Sample("job-1", 7));
  }

  @Test
  void poisonPayloadYieldsADeserializationExceptionHeaderInsteadOfThrowing() {
    Deserializer<Sample> values = KafkaJson.valueDeserializer(Sample.class);
    values.configure(Map.of(), false);
    Headers headers = new RecordHeaders();
    byte[] poison = "not json".getBytes(StandardCharsets.UTF_8);

    assertThat(values.deserialize("t", headers, poison)).isNull();

    var header = headers.lastHeader(SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER);
    assertThat(header).isNotNull();
    DeserializationException ex =
        SerializationUtils.byteArrayToDeserializationException(null, header);
    assertThat(ex.getData()).isEqualTo(poison);
  }

  @Test
  void listenerFactoryUsesTheGivenConsumerPropertiesAndJsonValues() {
    DefaultErrorHandler handler = new DefaultErrorHandler();

    var factory = KafkaJson.listenerFactory(Map.of("group.id", "g-1"), Sample.class, handler);

    assertThat(factory.getConsumerFactory().getConfigurationProperties())
        .containsEntry("group.id", "g-1");
    assertThat(factory.getConsumerFactory().getValueDeserializer())
        .isInstanceOf(ErrorHandlingDeserializer.class);
  }

  @Test
  void recovererSendsTheOriginalBytesToTheDeadLetterTopicOnAnyPartition() {
    @SuppressWarnings("unchecked")
    KafkaOperations<Object, Object> template = mock(KafkaOperations.class);
    when(template.send(any(ProducerRecord.class)))
        .thenAnswer(
            call ->
                CompletableFuture.completedFuture(
                    new SendResult<>(call.<ProducerRecord<Object, Object>>getArgument(0), null)));
    byte[] poison = "not json".getBytes(StandardCharsets.UTF_8);
    ConsumerRecord<String, Object> failed =
        new ConsumerRecord<>("scored-groups", 2, 10L, "k", null);
    SerializationUtils.deserializationException(
        failed.headers(), poison, new IllegalStateException("bad"), false);

    KafkaJson.deadLetterRecoverer(template).accept(failed, null, new IllegalStateException("bad"));

    @SuppressWarnings("unchecked")
    ArgumentCaptor<ProducerRecord<Object, Object>> sent =
        ArgumentCaptor.forClass(ProducerRecord.class);
    verify(template).send(sent.capture());
    assertThat(sent.getValue().topic()).isEqualTo("scored-groups-dlt");
    assertThat(sent.getValue().partition()).isNull();
    assertThat(sent.getValue().value()).isEqualTo(poison);
  }
}
