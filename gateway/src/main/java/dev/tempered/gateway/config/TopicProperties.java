package dev.tempered.gateway.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** How the topics this service declares are created. */
@ConfigurationProperties("tempered.kafka")
public record TopicProperties(
    @DefaultValue("3") int partitions, @DefaultValue("1") short replicas) {}
