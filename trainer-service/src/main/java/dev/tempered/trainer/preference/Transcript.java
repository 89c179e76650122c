package dev.tempered.trainer.preference;

import java.util.List;
import java.util.Locale;

/**
 * Renders chat messages as the plain transcript Anthropic's HH data uses ({@code "\n\nHuman: …
 * \n\nAssistant:"}), so both preference layouts reach a base model without a chat template in one
 * text form: system → {@code System}, user → {@code Human}, assistant → {@code Assistant}; the
 * prompt ends with {@code "\n\nAssistant:"} and a reply starts with a space.
 */
final class Transcript {

  record Message(String role, String content) {}

  private Transcript() {}

  static String prompt(List<Message> messages) {
    StringBuilder out = new StringBuilder();
    for (Message m : messages) {
      out.append("\n\n").append(speaker(m.role())).append(": ").append(m.content());
    }
    return out.append("\n\nAssistant:").toString();
  }

  /** The completion: the messages' contents, the first after a space, later ones as turns. */
  static String reply(List<Message> messages) {
    StringBuilder out = new StringBuilder(" ").append(messages.get(0).content());
    for (Message m : messages.subList(1, messages.size())) {
      out.append("\n\n").append(speaker(m.role())).append(": ").append(m.content());
    }
    return out.toString();
  }

  private static String speaker(String role) {
    return switch (role.toLowerCase(Locale.ROOT)) {
      case "system" -> "System";
      case "user", "human" -> "Human";
      case "assistant" -> "Assistant";
      default -> role;
    };
  }
}
