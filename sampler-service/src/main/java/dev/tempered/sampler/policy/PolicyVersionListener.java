package dev.tempered.sampler.policy;

/** Told when a job's held policy changes version or is released (for the version gauge). */
public interface PolicyVersionListener {

  void onVersion(String jobId, long version);

  void onReleased(String jobId);
}
