package dev.tempered.noise.operator;

import java.util.function.Supplier;

/** A value computed once, on first use, by whichever thread asks first. */
final class Lazy<T> implements Supplier<T> {

  private final Supplier<T> source;
  private volatile T value;

  Lazy(Supplier<T> source) {
    this.source = source;
  }

  @Override
  public T get() {
    T v = value;
    if (v == null) {
      synchronized (this) {
        if (value == null) {
          value = source.get();
        }
        v = value;
      }
    }
    return v;
  }
}
