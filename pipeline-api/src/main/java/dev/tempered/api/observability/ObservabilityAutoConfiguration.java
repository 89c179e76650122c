package dev.tempered.api.observability;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.micrometer.metrics.autoconfigure.MeterRegistryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Switches on the shared Kafka meters and the {@code kafka} health indicator in every service that
 * has Micrometer and Spring Boot health on its classpath (the actuator starter brings both).
 */
@AutoConfiguration(
    afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@ConditionalOnClass({
  MeterRegistry.class,
  MeterRegistryCustomizer.class,
  HealthIndicator.class,
  KafkaAdmin.class
})
public class ObservabilityAutoConfiguration {

  /** How long the readiness probe waits for the broker: the manifests give the probe 3 s. */
  static final Duration KAFKA_HEALTH_TIMEOUT = Duration.ofSeconds(2);

  @Bean
  static KafkaMeterBinder kafkaMeterBinder(ObjectProvider<MeterRegistry> registry) {
    return new KafkaMeterBinder(registry);
  }

  /** Applied to every registry; only exporters (Prometheus here) use naming conventions. */
  @Bean
  MeterRegistryCustomizer<MeterRegistry> jobLabel() {
    return registry ->
        registry.config().namingConvention(new JobLabel(registry.config().namingConvention()));
  }

  /** Named {@code kafka}: the readiness group includes it by that name. */
  @Bean(name = "kafkaHealthIndicator")
  @ConditionalOnBean(KafkaAdmin.class)
  KafkaReadiness kafkaHealthIndicator(KafkaAdmin admin) {
    return new KafkaReadiness(admin.getConfigurationProperties(), KAFKA_HEALTH_TIMEOUT);
  }
}
