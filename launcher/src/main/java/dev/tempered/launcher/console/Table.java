package dev.tempered.launcher.console;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table: the first column left-aligned, the others right-aligned like numbers. */
public final class Table {

  private final List<String[]> rows = new ArrayList<>();
  private final int columns;

  public Table(String... header) {
    this.columns = header.length;
    rows.add(header);
  }

  public Table row(String... cells) {
    if (cells.length != columns) {
      throw new IllegalArgumentException("expected " + columns + " cells, got " + cells.length);
    }
    rows.add(cells);
    return this;
  }

  /**
   * The table with two spaces between columns and {@code indent} before each line; an all-empty
   * header is left out.
   */
  public String render(String indent) {
    int[] widths = new int[columns];
    for (String[] row : rows) {
      for (int c = 0; c < columns; c++) {
        widths[c] = Math.max(widths[c], row[c].length());
      }
    }
    StringBuilder text = new StringBuilder();
    boolean headerless = String.join("", rows.get(0)).isEmpty();
    for (String[] row : headerless ? rows.subList(1, rows.size()) : rows) {
      StringBuilder line = new StringBuilder(indent);
      for (int c = 0; c < columns; c++) {
        String format = c == 0 ? "%-" + widths[c] + "s" : "  %" + widths[c] + "s";
        line.append(String.format(format, row[c]));
      }
      text.append(line.toString().stripTrailing()).append('\n');
    }
    return text.toString();
  }
}
