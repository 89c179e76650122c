package dev.tempered.model.io;

/**
 * Parses a maximum shard size the way transformers' {@code convert_file_size_to_int} does for
 * {@code save_pretrained(max_shard_size=...)}: an integer followed by KiB/MiB/GiB (powers of 2) or
 * KB/MB/GB (powers of 10, divided by 8 when the unit ends in a lower-case {@code b}, i.e. bits); a
 * bare integer is bytes.
 */
public final class ShardSize {

  private ShardSize() {}

  /** The size in bytes; fails naming the text when it is not one of the accepted forms. */
  public static long parse(String size) {
    String s = size.strip();
    String upper = s.toUpperCase(java.util.Locale.ROOT);
    if (upper.endsWith("GIB")) {
      return number(s, 3, size) << 30;
    }
    if (upper.endsWith("MIB")) {
      return number(s, 3, size) << 20;
    }
    if (upper.endsWith("KIB")) {
      return number(s, 3, size) << 10;
    }
    long decimal;
    if (upper.endsWith("GB")) {
      decimal = number(s, 2, size) * 1_000_000_000L;
    } else if (upper.endsWith("MB")) {
      decimal = number(s, 2, size) * 1_000_000L;
    } else if (upper.endsWith("KB")) {
      decimal = number(s, 2, size) * 1_000L;
    } else {
      return number(s, 0, size);
    }
    return s.endsWith("b") ? decimal / 8 : decimal;
  }

  private static long number(String s, int unitLength, String original) {
    String digits = s.substring(0, s.length() - unitLength).strip();
    long value;
    try {
      value = Long.parseLong(digits);
    } catch (NumberFormatException e) {
      throw invalid(original);
    }
    if (value <= 0) {
      throw invalid(original);
    }
    return value;
  }

  private static IllegalArgumentException invalid(String size) {
    return new IllegalArgumentException(
        "max shard size '"
            + size
            + "' is not a positive integer followed by a unit (e.g. 5GB, 500MB, 2GiB) or a byte"
            + " count");
  }
}
