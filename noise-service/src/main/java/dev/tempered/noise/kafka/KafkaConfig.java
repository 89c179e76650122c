package dev.tempered.noise.kafka;

import dev.tempered.api.job.JobRecord;
import dev.tempered.api.kafka.KafkaJson;
import dev.tempered.api.message.CheckpointEvent;
import dev.tempered.api.message.EvaluationResult;
import dev.tempered.api.message.Rollout;
import dev.tempered.api.topic.Topics;
import dev.tempered.noise.config.TopicProperties;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.DefaultErrorHandler;

/**
 * Kafka wiring of the noise service: the topics it produces, JSON serdes without type headers (each
 * consumer names its value type), and an error handler that sends poison records to {@code
 * <topic>-dlt}.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfig {

  static final String JOBS_FACTORY = "jobsListenerFactory";
  static final String ROLLOUTS_FACTORY = "rolloutsListenerFactory";
  static final String EVALUATIONS_FACTORY = "evaluationsListenerFactory";
  static final String CHECKPOINTS_FACTORY = "checkpointsListenerFactory";

  private final KafkaProperties kafka;

  KafkaConfig(KafkaProperties kafka) {
    this.kafka = kafka;
  }

  @Bean
  NewTopic noisyInputsTopic(TopicProperties topics) {
    return TopicBuilder.name(Topics.NOISY_INPUTS)
        .partitions(topics.partitions())
        .replicas(topics.replicas())
        .build();
  }

  @Bean
  NewTopic noisyInputsDeadLetterTopic(TopicProperties topics) {
    return TopicBuilder.name(Topics.deadLetter(Topics.NOISY_INPUTS))
        .partitions(topics.partitions())
        .replicas(topics.replicas())
        .build();
  }

  @Bean
  ProducerFactory<String, Object> producerFactory() {
    Map<String, Object> props = kafka.buildProducerProperties();
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
    return KafkaJson.producerFactory(props);
  }

  @Bean
  KafkaTemplate<String, Object> kafkaTemplate(ProducerFactory<String, Object> producerFactory) {
    return new KafkaTemplate<>(producerFactory);
  }

  @Bean
  DefaultErrorHandler errorHandler(KafkaTemplate<String, Object> template) {
    return KafkaJson.deadLetterErrorHandler(template);
  }

  @Bean(JOBS_FACTORY)
  ConcurrentKafkaListenerContainerFactory<String, JobRecord> jobsListenerFactory(
      DefaultErrorHandler errorHandler) {
    return KafkaJson.listenerFactory(consumerProperties(), JobRecord.class, errorHandler);
  }

  @Bean(ROLLOUTS_FACTORY)
  ConcurrentKafkaListenerContainerFactory<String, Rollout> rolloutsListenerFactory(
      DefaultErrorHandler errorHandler) {
    return KafkaJson.listenerFactory(consumerProperties(), Rollout.class, errorHandler);
  }

  @Bean(EVALUATIONS_FACTORY)
  ConcurrentKafkaListenerContainerFactory<String, EvaluationResult> evaluationsListenerFactory(
      DefaultErrorHandler errorHandler) {
    return KafkaJson.listenerFactory(consumerProperties(), EvaluationResult.class, errorHandler);
  }

  @Bean(CHECKPOINTS_FACTORY)
  ConcurrentKafkaListenerContainerFactory<String, CheckpointEvent> checkpointsListenerFactory(
      DefaultErrorHandler errorHandler) {
    return KafkaJson.listenerFactory(consumerProperties(), CheckpointEvent.class, errorHandler);
  }

  private Map<String, Object> consumerProperties() {
    Map<String, Object> props = kafka.buildConsumerProperties();
    // Per-instance groups read their topic from the start to rebuild every job's state.
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return props;
  }
}
