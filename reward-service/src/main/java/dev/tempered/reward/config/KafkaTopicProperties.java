package dev.tempered.reward.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the topics this service produces are created, under {@code tempered.kafka}.
 *
 * @param partitions partitions per topic
 * @param replicas replication factor per topic
 */
@ConfigurationProperties("tempered.kafka")
public record KafkaTopicProperties(
    @DefaultValue("3") int partitions, @DefaultValue("1") short replicas) {}
