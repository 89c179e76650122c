package dev.tempered.gateway.job;

/**
 * The answer to a submission.
 *
 * @param replayed true when an earlier submission with the same idempotency key and spec is
 *     returned instead of a new job
 */
public record Submission(JobView job, boolean replayed) {}
