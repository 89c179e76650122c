package dev.tempered.sampler.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Settings under {@code tempered.kafka} for the topics this service creates. */
@ConfigurationProperties("tempered.kafka")
public record TopicProperties(
    @DefaultValue("3") int partitions, @DefaultValue("1") short replicas) {}
