package dev.tempered.gateway.job;

/**
 * The newest checkpoint of a job.
 *
 * @param sha256 null when only the job record (not the checkpoint event) is known
 * @param step null when only the job record (not the checkpoint event) is known
 */
public record CheckpointView(long version, String uri, String sha256, Long step) {}
