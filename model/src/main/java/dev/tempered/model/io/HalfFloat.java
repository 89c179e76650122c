package dev.tempered.model.io;

/** IEEE 754 binary16 to float, for Java 17 which lacks {@code Float.float16ToFloat}. */
final class HalfFloat {

  private static final int EXPONENT_BIAS_DIFFERENCE = 127 - 15;

  private HalfFloat() {}

  static float toFloat(short half) {
    int bits = half & 0xFFFF;
    int sign = (bits & 0x8000) << 16;
    int exponent = (bits >>> 10) & 0x1F;
    int mantissa = bits & 0x3FF;
    if (exponent == 0x1F) {
      // infinity or NaN: all-ones exponent, mantissa kept
      return Float.intBitsToFloat(sign | 0x7F80_0000 | (mantissa << 13));
    }
    if (exponent == 0) {
      // zero or subnormal: mantissa · 2^-24, exact in float
      float magnitude = mantissa * 0x1p-24f;
      return sign == 0 ? magnitude : -magnitude;
    }
    return Float.intBitsToFloat(
        sign | ((exponent + EXPONENT_BIAS_DIFFERENCE) << 23) | (mantissa << 13));
  }
}
