package dev.tempered.reward.processing;

import dev.tempered.api.message.Candidate;
import dev.tempered.api.message.CandidateGroup;
import dev.tempered.api.message.Envelope;
import dev.tempered.api.message.Split;
import java.util.ArrayList;
import java.util.List;

/** Candidate groups for tests. */
final class TestGroups {

  private TestGroups() {}

  static CandidateGroup train(String jobId, String reference, String... texts) {
    List<Candidate> candidates = new ArrayList<>();
    for (int i = 0; i < texts.length; i++) {
      candidates.add(
          new Candidate(
              Candidate.NOISY,
              texts[i],
              List.of(10 + i, 20 + i),
              List.of(-0.5f, -0.25f),
              Candidate.FINISH_STOP));
    }
    return group(jobId, Split.TRAIN, reference, candidates);
  }

  static CandidateGroup eval(String jobId, String reference, String clean, String noisy) {
    return group(
        jobId,
        Split.EVAL,
        reference,
        List.of(
            new Candidate(
                Candidate.NOISY, noisy, List.of(1), List.of(-0.1f), Candidate.FINISH_LENGTH),
            new Candidate(
                Candidate.CLEAN, clean, List.of(2), List.of(-0.2f), Candidate.FINISH_STOP)));
  }

  static CandidateGroup group(
      String jobId, Split split, String reference, List<Candidate> candidates) {
    return new CandidateGroup(
        Envelope.create(),
        jobId,
        "prompt-" + jobId,
        split,
        "typos",
        "clean prompt",
        "noisy prmpt",
        reference,
        0.25,
        3L,
        0.8f,
        List.of(1, 5, 9),
        candidates);
  }
}
