package dev.tempered.sampler.worker;

import dev.tempered.api.job.JobRecord;
import dev.tempered.sampler.policy.Policy;
import dev.tempered.sampler.policy.PolicyStore;
import java.io.IOException;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves the model name of a direct (chat) request: {@code job:<jobId>} is that job's policy,
 * anything else a base model. Confined to the model thread with the engine whose job map it reads.
 */
final class PolicyNames {

  /** Prefix of a model name that selects a job's policy rather than a base model. */
  static final String JOB_PREFIX = "job:";

  private static final Logger log = LoggerFactory.getLogger(PolicyNames.class);

  /** Plain directory names only: no separators, no leading dot. */
  private static final Pattern MODEL_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  private final Map<String, JobRecord> jobs;
  private final PolicyStore policies;

  PolicyNames(Map<String, JobRecord> jobs, PolicyStore policies) {
    this.jobs = jobs;
    this.policies = policies;
  }

  /**
   * The named policy; a job's is loaded like the Kafka flow loads it (base plus newest checkpoint).
   *
   * @throws UnknownPolicyException for an unknown or ended job, or a model that is not installed
   */
  Policy resolve(String model) throws IOException {
    if (model == null || model.isBlank()) {
      throw new UnknownPolicyException("no model named");
    }
    if (!model.startsWith(JOB_PREFIX)) {
      return basePolicy(model);
    }
    String jobId = model.substring(JOB_PREFIX.length());
    JobRecord job = jobs.get(jobId);
    if (job == null) {
      throw new UnknownPolicyException("this sampler knows no job '" + jobId + "'");
    }
    if (job.state().isTerminal()) {
      throw new UnknownPolicyException(
          "job '" + jobId + "' is " + job.state() + "; its policy was released");
    }
    return policies.policyFor(jobId, job.spec().model());
  }

  private Policy basePolicy(String model) {
    if (!MODEL_NAME.matcher(model).matches()) {
      throw new UnknownPolicyException(
          "'" + model + "' is neither job:<jobId> nor a model name ([A-Za-z0-9][A-Za-z0-9._-]*)");
    }
    try {
      return policies.basePolicy(model);
    } catch (IOException e) {
      log.info("no base model {}: {}", model, e.getMessage());
      throw new UnknownPolicyException("this sampler has no base model '" + model + "'");
    }
  }
}
