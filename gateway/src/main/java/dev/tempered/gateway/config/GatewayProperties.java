package dev.tempered.gateway.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the gateway.
 *
 * @param progressInterval the least time between two progress writes of one job to the compacted
 *     {@code jobs} topic; checkpoints and state changes are written at once regardless
 * @param publishTimeout how long a request waits for the broker to acknowledge a job record
 * @param cancelGrace how long a job stays CANCELLING (the services stop its work on seeing that
 *     state) before it is CANCELLED
 * @param replayTimeout how long start-up may take to read the jobs and job-events topics to their
 *     end before the gateway serves requests
 * @param maxRequestSize the largest request body accepted; larger ones are refused with 413
 * @param streamTimeout how long one Server-Sent Events stream stays open at most
 */
@ConfigurationProperties("tempered.gateway")
public record GatewayProperties(
    @DefaultValue("5s") Duration progressInterval,
    @DefaultValue("10s") Duration publishTimeout,
    @DefaultValue("2s") Duration cancelGrace,
    @DefaultValue("2m") Duration replayTimeout,
    @DefaultValue("256KB") DataSize maxRequestSize,
    @DefaultValue("1h") Duration streamTimeout) {}
