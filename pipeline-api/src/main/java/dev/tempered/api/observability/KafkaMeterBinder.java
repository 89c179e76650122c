package dev.tempered.api.observability;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.kafka.config.AbstractKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.core.MicrometerProducerListener;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.DefaultErrorHandler;

/**
 * Instruments the Kafka beans the services build themselves (Spring Boot only instruments the
 * factories it creates): Kafka client metrics for every consumer and producer (throughput per
 * topic, consumer lag), the record-age histogram on every listener, and the dead-letter count on
 * every error handler.
 *
 * <p>It adds, never replaces: a factory that already has listeners or an interceptor keeps them.
 * Error handlers get the counter as their retry listener; no service sets retry listeners of its
 * own.
 */
public final class KafkaMeterBinder implements BeanPostProcessor {

  private final ObjectProvider<MeterRegistry> registry;

  public KafkaMeterBinder(ObjectProvider<MeterRegistry> registry) {
    this.registry = registry;
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (bean instanceof AbstractKafkaListenerContainerFactory<?, ?, ?> factory) {
      instrument(factory);
    } else if (bean instanceof ProducerFactory<?, ?> producers
        && producers.getListeners().isEmpty()) {
      producers.addListener(new MicrometerProducerListener<>(registry.getObject()));
    } else if (bean instanceof ConsumerFactory<?, ?> consumers
        && consumers.getListeners().isEmpty()) {
      consumers.addListener(new MicrometerConsumerListener<>(registry.getObject()));
    } else if (bean instanceof DefaultErrorHandler handler) {
      handler.setRetryListeners(new DeadLetterCounter(registry.getObject()));
    }
    return bean;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private void instrument(AbstractKafkaListenerContainerFactory factory) {
    MeterRegistry meters = registry.getObject();
    ConsumerFactory<?, ?> consumers = factory.getConsumerFactory();
    // A consumer factory that is a bean of its own was instrumented as one.
    if (consumers != null && consumers.getListeners().isEmpty()) {
      consumers.addListener(new MicrometerConsumerListener<>(meters));
    }
    RecordAge age = new RecordAge(meters, Clock.systemUTC());
    if (factory.getRecordInterceptor() == null) {
      factory.setRecordInterceptor(age);
    }
    if (factory.getBatchInterceptor() == null) {
      factory.setBatchInterceptor(age);
    }
  }
}
