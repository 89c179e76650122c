package dev.tempered.gateway.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the gateway.
 *
 * @param progressInterval the least time between two progress writes of one job to the compacted
 *     {@code jobs} topic; checkpoints and state changes are written at once regardless
 * @param publishTimeout how long a request waits for the broker to acknowledge a job record
 */
@ConfigurationProperties("tempered.gateway")
public record GatewayProperties(
    @DefaultValue("5s") Duration progressInterval, @DefaultValue("10s") Duration publishTimeout) {}
