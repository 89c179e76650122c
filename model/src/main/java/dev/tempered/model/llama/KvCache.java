package dev.tempered.model.llama;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Keys and values of every layer for the positions processed so far, [batch, kvHeads, seen,
 * headSize] each. With a capacity the arrays are allocated once at that length and each step writes
 * its new positions in place (no copy of what is cached); without one they grow by concatenation.
 * The cache owns its arrays, so a generation loop can run each step in its own {@link NDScope}.
 */
public final class KvCache implements AutoCloseable {

  private final NDArray[] keys;
  private final NDArray[] values;
  private final long[] lengths;
  private final int capacity;

  /** A cache for at most {@code capacity} positions (0: grow without bound). */
  public KvCache(int layers, int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity must be >= 0, got " + capacity);
    }
    keys = new NDArray[layers];
    values = new NDArray[layers];
    lengths = new long[layers];
    this.capacity = capacity;
  }

  /** A cache that grows by concatenation. */
  public KvCache(int layers) {
    this(layers, 0);
  }

  /** Positions already cached (0 before the first forward pass), as of the last layer. */
  public long length() {
    return lengths[lengths.length - 1];
  }

  /** Appends new keys and values for one layer and returns the full cached ones. */
  NDArray[] append(int layer, NDArray newKeys, NDArray newValues) {
    return capacity == 0
        ? concatenate(layer, newKeys, newValues)
        : write(layer, newKeys, newValues);
  }

  private NDArray[] write(int layer, NDArray newKeys, NDArray newValues) {
    long start = lengths[layer];
    long end = start + newKeys.getShape().get(2);
    if (end > capacity) {
      throw new IllegalStateException(
          "KV cache of " + capacity + " positions cannot take position " + (end - 1));
    }
    if (keys[layer] == null) {
      Shape s = newKeys.getShape();
      Shape full = new Shape(s.get(0), s.get(1), capacity, s.get(3));
      keys[layer] = newKeys.getManager().zeros(full, newKeys.getDataType());
      values[layer] = newValues.getManager().zeros(full, newValues.getDataType());
      // The cache outlives the step scope that is open while it is created.
      NDScope.unregister(keys[layer], values[layer]);
    }
    // One native slice-and-copy per array (DJL's NDIndex set parses an index string and goes
    // through advanced indexing, several times slower per decode step).
    Shape s = keys[layer].getShape();
    long[] step = {1, 1, 1, 1};
    long[] to = {s.get(0), s.get(1), end, s.get(3)};
    long[] from = {0, 0, start, 0};
    JniUtils.indexSet(pt(keys[layer]), pt(newKeys), from, to, step);
    JniUtils.indexSet(pt(values[layer]), pt(newValues), from, to, step);
    lengths[layer] = end;
    // Views of the filled part; they belong to the caller's scope, the storage to the cache.
    long[] origin = {0, 0, 0, 0};
    PtNDManager m = (PtNDManager) newKeys.getManager();
    return new NDArray[] {
      JniUtils.index(pt(keys[layer]), origin, to, step, m),
      JniUtils.index(pt(values[layer]), origin, to, step, m)
    };
  }

  private static PtNDArray pt(NDArray array) {
    return (PtNDArray) array;
  }

  private NDArray[] concatenate(int layer, NDArray newKeys, NDArray newValues) {
    NDArray k = keys[layer] == null ? newKeys : keys[layer].concat(newKeys, 2);
    NDArray v = values[layer] == null ? newValues : values[layer].concat(newValues, 2);
    NDScope.unregister(k, v);
    if (keys[layer] != null && keys[layer] != k) {
      keys[layer].close();
      values[layer].close();
    }
    keys[layer] = k;
    values[layer] = v;
    lengths[layer] = k.getShape().get(2);
    return new NDArray[] {k, v};
  }

  @Override
  public void close() {
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] != null) {
        keys[i].close();
        values[i].close();
        keys[i] = null;
        values[i] = null;
      }
      lengths[i] = 0;
    }
  }
}
