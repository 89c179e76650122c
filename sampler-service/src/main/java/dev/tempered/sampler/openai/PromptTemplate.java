package dev.tempered.sampler.openai;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns a conversation into the text a plain language model continues. stories260K knows no chat
 * format, so role markers would only be noise to it: the prompt is every message's content in order
 * (system, user and assistant alike), each stripped, empty ones skipped, joined by one space.
 */
public final class PromptTemplate {

  private PromptTemplate() {}

  public static String render(List<String> contents) {
    return contents.stream()
        .map(String::strip)
        .filter(c -> !c.isEmpty())
        .collect(Collectors.joining(" "));
  }
}
