package dev.tempered.sampler.generation;

import dev.tempered.api.message.Candidate;
import dev.tempered.api.message.CandidateGroup;
import dev.tempered.api.message.Envelope;
import dev.tempered.api.message.NoiseOp;
import dev.tempered.api.message.NoisyInput;
import dev.tempered.model.generation.GeneratedSequence;
import dev.tempered.model.tokenizer.Llama2cTokenizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Turns generated sequences into the {@code candidates} topic's records. */
final class Groups {

  private Groups() {}

  static Candidate candidate(
      String variant, GeneratedSequence sequence, Llama2cTokenizer tokenizer) {
    int[] tokens = sequence.tokens();
    float[] logprobs = sequence.logprobs();
    List<Integer> ids = new ArrayList<>(tokens.length);
    List<Float> lps = new ArrayList<>(logprobs.length);
    for (int i = 0; i < tokens.length; i++) {
      ids.add(tokens[i]);
      lps.add(logprobs[i]);
    }
    return new Candidate(
        variant, tokenizer.decodeContinuation(tokens), ids, lps, sequence.finishReason());
  }

  static CandidateGroup group(
      NoisyInput input,
      long policyVersion,
      float temperature,
      int[] promptTokens,
      List<Candidate> candidates) {
    return group(input, policyVersion, temperature, promptTokens, candidates, null);
  }

  /**
   * @param cleanAnswer the greedy answer to the clean prompt of a TRAIN group, or null
   */
  static CandidateGroup group(
      NoisyInput input,
      long policyVersion,
      float temperature,
      int[] promptTokens,
      List<Candidate> candidates,
      String cleanAnswer) {
    List<Integer> prompt = new ArrayList<>(promptTokens.length);
    for (int token : promptTokens) {
      prompt.add(token);
    }
    return new CandidateGroup(
        Envelope.create(),
        input.jobId(),
        input.promptId(),
        input.split(),
        input.group(),
        input.cleanText(),
        input.noisyText(),
        input.reference(),
        input.curriculumLevel(),
        policyVersion,
        temperature,
        prompt,
        candidates,
        noiseKinds(input.ops()),
        input.strengthSweep(),
        cleanAnswer);
  }

  /** The distinct kinds of the applied operators, in order of first application. */
  static List<String> noiseKinds(List<NoiseOp> ops) {
    if (ops == null) {
      return List.of();
    }
    Set<String> kinds = new LinkedHashSet<>();
    for (NoiseOp op : ops) {
      kinds.add(op.kind());
    }
    return List.copyOf(kinds);
  }
}
