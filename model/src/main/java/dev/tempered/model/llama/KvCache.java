package dev.tempered.model.llama;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;

/**
 * Keys and values of every layer for the positions processed so far, [batch, kvHeads, seen,
 * headSize] each. The cache owns its arrays: appending closes the arrays it replaces, so a
 * generation loop can run each step in its own {@link NDScope}.
 */
public final class KvCache implements AutoCloseable {

  private final NDArray[] keys;
  private final NDArray[] values;

  public KvCache(int layers) {
    keys = new NDArray[layers];
    values = new NDArray[layers];
  }

  /** Positions already cached (0 before the first forward pass). */
  public long length() {
    return keys[0] == null ? 0 : keys[0].getShape().get(2);
  }

  /** Appends new keys and values for one layer and returns the full cached ones. */
  NDArray[] append(int layer, NDArray newKeys, NDArray newValues) {
    NDArray k = keys[layer] == null ? newKeys : keys[layer].concat(newKeys, 2);
    NDArray v = values[layer] == null ? newValues : values[layer].concat(newValues, 2);
    replace(layer, k, v);
    return new NDArray[] {k, v};
  }

  private void replace(int layer, NDArray k, NDArray v) {
    // The cache outlives the step scope that created these arrays.
    NDScope.unregister(k, v);
    if (keys[layer] != null && keys[layer] != k) {
      keys[layer].close();
      values[layer].close();
    }
    keys[layer] = k;
    values[layer] = v;
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
    }
  }
}
