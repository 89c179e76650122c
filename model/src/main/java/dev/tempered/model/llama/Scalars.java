package dev.tempered.model.llama;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Scalar tensors for differentiable arithmetic. DJL's {@code x.mul(Number)} and {@code
 * x.div(Number)} wrap the number in a tensor over a Java direct buffer and close it right after the
 * operation, but autograd keeps that tensor to compute the gradient later: the backward pass then
 * reads memory the JVM may already have reused, which showed up as sporadic NaN gradients. A scalar
 * copied into torch-owned memory stays valid for as long as autograd holds it.
 */
public final class Scalars {

  private Scalars() {}

  /** A 0-dimensional float tensor on {@code manager} whose memory torch owns. */
  public static NDArray owned(NDManager manager, double value) {
    try (NDArray blob = manager.create((float) value)) {
      return blob.duplicate();
    }
  }

  /** {@code x · value}, safe to differentiate. */
  public static NDArray mul(NDArray x, double value) {
    return x.mul(owned(x.getManager(), value));
  }

  /** {@code x / value}, safe to differentiate. */
  public static NDArray div(NDArray x, double value) {
    return x.mul(owned(x.getManager(), 1.0 / value));
  }
}
