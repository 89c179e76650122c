package dev.tempered.trainer.preference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tempered.api.config.SharedResources;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Both preference layouts, the implicit prompt, errors that name the field, and the real files. */
class PreferenceFilesTest {

  @Test
  void standardLayoutWithAnImplicitPromptSplitsAtTheFirstDifference() {
    PreferencePair p =
        PreferenceFiles.parse(
            "{\"chosen\": \"\\n\\nHuman: hi\\n\\nAssistant: Hello there\","
                + " \"rejected\": \"\\n\\nHuman: hi\\n\\nAssistant: Go away\"}",
            "t:1");
    // the space before the first difference stays with the completions
    assertThat(p.prompt()).isEqualTo("\n\nHuman: hi\n\nAssistant:");
    assertThat(p.chosen()).isEqualTo(" Hello there");
    assertThat(p.rejected()).isEqualTo(" Go away");
  }

  @Test
  void standardLayoutWithAnExplicitPrompt() {
    PreferencePair p =
        PreferenceFiles.parse("{\"prompt\": \"Q\", \"chosen\": \"A\", \"rejected\": \"B\"}", "t:1");
    assertThat(p).isEqualTo(new PreferencePair("Q", "A", "B"));
  }

  @Test
  void chatLayoutIsRenderedAsATranscript() {
    PreferencePair p =
        PreferenceFiles.parse(
            "{\"input\": {\"messages\": [{\"role\": \"system\", \"content\": \"Be brief.\"},"
                + " {\"role\": \"user\", \"content\": \"2+2?\"}]},"
                + " \"preferred_output\": [{\"role\": \"assistant\", \"content\": \"4\"}],"
                + " \"non_preferred_output\": [{\"role\": \"assistant\", \"content\": \"5\"}]}",
            "t:1");
    assertThat(p.prompt()).isEqualTo("\n\nSystem: Be brief.\n\nHuman: 2+2?\n\nAssistant:");
    assertThat(p.chosen()).isEqualTo(" 4");
    assertThat(p.rejected()).isEqualTo(" 5");
  }

  @Test
  void malformedPairsNameTheLineAndTheField() {
    assertThatThrownBy(() -> PreferenceFiles.parse("{\"chosen\": \"a\"}", "prefs.jsonl:7"))
        .hasMessageStartingWith("prefs.jsonl:7: field 'rejected' must be a string");
    assertThatThrownBy(
            () ->
                PreferenceFiles.parse(
                    "{\"input\": {\"messages\": []}, \"preferred_output\": [],"
                        + " \"non_preferred_output\": []}",
                    "p:2"))
        .hasMessageContaining("p:2: field 'input.messages' must be a message list");
    assertThatThrownBy(() -> PreferenceFiles.parse("{oops", "p:3"))
        .hasMessageStartingWith("p:3: not JSON");
  }

  @Test
  void readsBothSharedFiles() throws Exception {
    assumeTrue(
        SharedResources.find().isPresent(), "../shared not found: real preference files skipped");
    Path dir = SharedResources.require().resolve("data/preferences");
    List<PreferencePair> orca = PreferenceFiles.read(dir.resolve("orca_dpo_validation.jsonl"));
    assertThat(orca).hasSize(284);
    assertThat(orca).allSatisfy(p -> assertThat(p.prompt()).endsWith("\n\nAssistant:"));
    assertThat(orca).allSatisfy(p -> assertThat(p.chosen()).startsWith(" "));
    List<PreferencePair> hh = PreferenceFiles.read(dir.resolve("hh_harmless_base_test.jsonl.gz"));
    assertThat(hh).hasSize(2312);
    assertThat(hh).allSatisfy(p -> assertThat(p.prompt()).startsWith("\n\nHuman:"));
    // the implicit prompt ends where the two texts part: at the last "Assistant:" for 1,863
    // pairs, inside the final reply (both replies start alike) for the other 449
    long atTurn = hh.stream().filter(p -> p.prompt().endsWith("\n\nAssistant:")).count();
    assertThat(atTurn).isEqualTo(1863);
  }
}
