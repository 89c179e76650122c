package dev.tempered.api.topic;

/** Names of every Kafka topic the pipeline uses, as listed in DESIGN.md section 2. */
public final class Topics {

  /** Compacted system of record for jobs: spec plus current state, keyed by job id. */
  public static final String JOBS = "jobs";

  /** Noise service to sampler: one noised prompt per record, keyed by prompt id. */
  public static final String NOISY_INPUTS = "noisy-inputs";

  /** Sampler to reward service: the n candidates of one prompt, keyed by prompt id. */
  public static final String CANDIDATES = "candidates";

  /** Reward service to trainer: scored candidates with advantages, keyed by job id. */
  public static final String SCORED_GROUPS = "scored-groups";

  /** Trainer to gateway: what each optimiser step trained on, keyed by job id. */
  public static final String ROLLOUTS = "rollouts";

  /** Compacted: published checkpoints (weights stay on disk), keyed by job id. */
  public static final String CHECKPOINTS = "checkpoints";

  /** Reward service to gateway: held-out clean and noisy scores per policy version. */
  public static final String EVALUATIONS = "evaluations";

  /**
   * Gateway to gateway: the append-only history of each job (state changes with their time,
   * progress, checkpoints), keyed by job id; a restarted gateway rebuilds events from it.
   */
  public static final String JOB_EVENTS = "job-events";

  /**
   * Gateway to gateway: the DPO pairs each job offers for human labelling and their labels, keyed
   * by job id and kept forever; a restarted gateway rebuilds its pairs from it.
   */
  public static final String LABELLING = "labelling";

  private static final String DEAD_LETTER_SUFFIX = "-dlt";

  private Topics() {}

  /** The dead-letter topic that receives records of {@code topic} that could not be processed. */
  public static String deadLetter(String topic) {
    return topic + DEAD_LETTER_SUFFIX;
  }
}
