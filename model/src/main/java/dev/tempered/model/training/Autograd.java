package dev.tempered.model.training;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * PyTorch's grad mode is per thread and on by default in new threads; DJL turns it off only on the
 * thread that loads the engine. A worker thread that runs forward passes outside a gradient
 * collector must turn it off itself, or every pass records a graph it never frees until the arrays
 * are closed, and in-place parameter updates are refused.
 */
public final class Autograd {

  private Autograd() {}

  /** Turns gradient recording off on the calling thread (GradientCollector turns it on inside). */
  public static void disableOnCurrentThread() {
    // The native library is loaded with the engine; calling JNI before that fails to link.
    Engine.getEngine("PyTorch");
    JniUtils.setGradMode(false);
  }
}
