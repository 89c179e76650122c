package dev.tempered.sampler.worker;

/** Counts what happened to inputs that were not sampled right away. */
public interface SamplerEvents {

  /** An input of a job that has ended was dropped (with a log line naming it). */
  void inputDropped(String reason);

  /** An input could not be sampled after it had left Kafka (with an error log naming it). */
  void inputFailed();

  /** How many inputs wait for their job to run. */
  void pendingInputs(int count);
}
