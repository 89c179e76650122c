package dev.tempered.launcher;

import dev.tempered.api.message.Envelope;
import dev.tempered.api.message.PreferencePair;
import dev.tempered.api.message.ScoredCandidate;
import dev.tempered.api.message.ScoredGroup;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Twenty scored groups as the reward service publishes them for a labelled job: a TinyStories-style
 * prompt (clean, and noisy with two letters of its longest word swapped) and its DPO pair, the
 * story's own next sentence against the same words in reverse order. In the even groups the reward
 * scored the fluent sentence higher (it is T_k), in the odd ones the scrambled one; the labeller of
 * {@link LabelledPairsRoundTripIT} always prefers the fluent one.
 */
final class LabelledGroups {

  private static final String STORIES =
      """
      Once upon a time, there was a little girl named Lily.| She loved to play in the park.
      Tom had a big red ball.| He liked to throw it high in the sky.
      One day, a small dog found a stick.| The dog ran home to show his mom.
      Sue saw a pretty bird in the tree.| The bird sang a happy song for her.
      Ben wanted to bake a cake with his dad.| They mixed the flour and the eggs.
      The sun was hot and the sky was blue.| Mia went to the beach to swim.
      There was a big bear who lived in the woods.| He liked to eat honey every day.
      Max found a shiny box under his bed.| He opened it and saw a toy car.
      Anna had a cat named Fluffy.| Fluffy liked to sleep on the warm rug.
      A little boy named Jack went to the farm.| He saw a cow, a pig and a horse.
      Lucy and her mom went to the store.| They bought apples and milk for lunch.
      The frog jumped into the pond.| It swam fast and found a big fish.
      Sam was sad because it was raining.| His mom gave him a hug and a cookie.
      Once there was a kind old man.| He gave bread to the birds in the park.
      Emma got a new red dress for her birthday.| She wore it to the party and danced.
      The little car went up the hill.| It was slow but it did not stop.
      Tim and Sara built a tall tower of blocks.| Then the tower fell and they laughed.
      A bunny hopped in the green grass.| She looked for a carrot to eat.
      Zoe drew a picture of her family.| She gave it to her grandma as a gift.
      The boat sailed on the big blue sea.| The captain waved at the people on the shore.
      """;

  private LabelledGroups() {}

  /** One group; its pair id (the group's message id) is {@code pair-NN}. */
  record Group(int index, String clean, String noisy, String fluent, String scrambled) {

    String pairId() {
      return "pair-%02d".formatted(index);
    }

    /** The reward's view: T_k (candidate 0) is the fluent sentence in even groups only. */
    ScoredGroup scored(String jobId) {
      boolean rewardAgrees = index % 2 == 0;
      String target = rewardAgrees ? fluent : scrambled;
      String lowest = rewardAgrees ? scrambled : fluent;
      List<ScoredCandidate> candidates =
          List.of(
              new ScoredCandidate(target, List.of(), List.of(), "stop", Map.of(), 0.6, 0.7),
              new ScoredCandidate(lowest, List.of(), List.of(), "stop", Map.of(), 0.1, -0.7));
      return new ScoredGroup(
          new Envelope(1, pairId(), Instant.now()),
          jobId,
          "prompt-" + index,
          "misspelling",
          0,
          1f,
          0.1,
          List.of(),
          candidates,
          0,
          0.35,
          0.35,
          null,
          List.of(new PreferencePair(0, 1, 0.6, 0.1)),
          0,
          clean,
          noisy);
    }

    /** The export line the labeller's choice gives: prompt, chosen, rejected. */
    List<String> expectedLine() {
      return List.of(noisy, fluent, scrambled);
    }
  }

  static List<Group> all() {
    List<Group> groups = new ArrayList<>();
    List<String> lines = STORIES.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      String[] parts = lines.get(i).split("\\|");
      groups.add(new Group(i, parts[0], misspell(parts[0]), parts[1], reversed(parts[1])));
    }
    return groups;
  }

  static Group byPairId(String pairId) {
    return all().stream()
        .filter(g -> g.pairId().equals(pairId))
        .findFirst()
        .orElseThrow(() -> new AssertionError("pair " + pairId + " was never published"));
  }

  /** Swaps the second and third letters of the longest word ("little" becomes "ltitle"). */
  private static String misspell(String text) {
    String longest =
        Arrays.stream(text.split("[ ,.]+"))
            .reduce((a, b) -> b.length() > a.length() ? b : a)
            .orElseThrow();
    char[] c = longest.toCharArray();
    char t = c[1];
    c[1] = c[2];
    c[2] = t;
    return text.replaceFirst(longest, new String(c));
  }

  /** " He liked the sky." becomes " sky. the liked He". */
  private static String reversed(String sentence) {
    List<String> words = new ArrayList<>(List.of(sentence.trim().split(" ")));
    Collections.reverse(words);
    return " " + String.join(" ", words);
  }
}
