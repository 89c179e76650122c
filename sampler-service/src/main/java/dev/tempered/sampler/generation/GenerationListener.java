package dev.tempered.sampler.generation;

/** Told after each generate call how many rows it ran, tokens it produced and time it took. */
public interface GenerationListener {

  void onGenerate(int rows, long tokens, long nanos);
}
