package dev.tempered.sampler.openai;

import dev.tempered.model.generation.GeneratedSequence;
import dev.tempered.model.generation.GenerationOptions;
import dev.tempered.model.tokenizer.Llama2cTokenizer;
import dev.tempered.sampler.generation.BatchGenerator;
import dev.tempered.sampler.policy.Policy;
import dev.tempered.sampler.worker.SamplingWorker;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Answers a chat request with the policy its model names, on the sampler's model thread: the n
 * choices are n rows of one batched generate call with the request's seed.
 */
@Service
public class ChatCompletionService {

  /** A sampled BOS starts a new story and EOS ends the text: either ends a completion. */
  static final Set<Integer> STOP_IDS = Set.of(Llama2cTokenizer.BOS, Llama2cTokenizer.EOS);

  private final SamplingWorker worker;
  private final BatchGenerator generator;

  public ChatCompletionService(SamplingWorker worker, BatchGenerator generator) {
    this.worker = worker;
    this.generator = generator;
  }

  public ChatCompletion complete(ChatRequest request) {
    long seed = request.seed() != null ? request.seed() : ThreadLocalRandom.current().nextLong();
    String prompt = PromptTemplate.render(request.messages());
    return worker.withPolicy(request.model(), policy -> answer(policy, request, prompt, seed));
  }

  private ChatCompletion answer(Policy policy, ChatRequest request, String prompt, long seed) {
    Llama2cTokenizer tokenizer = policy.vocabulary().tokenizer();
    int[] promptIds = tokenizer.encode(prompt, true, false);
    int budget = budget(promptIds.length, request.maxTokens(), policy.model().config().seqLen());
    GenerationOptions options =
        new GenerationOptions(request.temperature(), 0, request.topP(), budget, STOP_IDS, seed);
    List<GeneratedSequence> out =
        generator.generate(policy.model(), Collections.nCopies(request.n(), promptIds), options);
    List<ChatCompletion.Choice> choices = new ArrayList<>(out.size());
    int completionTokens = 0;
    for (int i = 0; i < out.size(); i++) {
      Completion completion = Completion.of(out.get(i), tokenizer, request.stop());
      completionTokens += completion.tokens();
      choices.add(
          new ChatCompletion.Choice(
              i,
              new ChatCompletion.Message("assistant", completion.text()),
              completion.finishReason()));
    }
    return new ChatCompletion(
        "chatcmpl-" + UUID.randomUUID(),
        "chat.completion",
        Instant.now().getEpochSecond(),
        request.model(),
        policy.modelName() + "@v" + policy.version(),
        choices,
        new ChatCompletion.Usage(
            promptIds.length, completionTokens, promptIds.length + completionTokens));
  }

  /** The token budget: as asked when it fits the context, all room left when not asked. */
  static int budget(int promptTokens, Integer maxTokens, int contextLength) {
    int room = contextLength - promptTokens;
    if (maxTokens == null && room >= 1) {
      return room;
    }
    if (maxTokens != null && maxTokens <= room) {
      return maxTokens;
    }
    throw new OpenAiException(
        HttpStatus.BAD_REQUEST,
        "invalid_request_error",
        "messages",
        "context_length_exceeded",
        "the prompt is "
            + promptTokens
            + " tokens; with "
            + (maxTokens == null ? "at least 1" : maxTokens)
            + " completion tokens it exceeds the model's context of "
            + contextLength
            + " tokens");
  }
}
