package dev.tempered.gateway.events;

import java.util.List;

/** Every checkpoint of a job, oldest first. */
public record CheckpointList(String jobId, List<CheckpointDetail> checkpoints) {}
