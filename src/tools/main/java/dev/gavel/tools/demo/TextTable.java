package dev.gavel.tools.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** A plain-text table: columns as wide as their widest cell, numbers right-aligned, text left-aligned. */
final class TextTable {
  private static final Pattern NUMERIC = Pattern.compile("[-+]?[\\d,.]+%?|-|");

  private final List<String> headers;
  private final List<List<String>> rows = new ArrayList<>();

  TextTable(String... headers) {
    this.headers = List.of(headers);
  }

  TextTable row(Object... cells) {
    List<String> row = new ArrayList<>();
    for (Object cell : cells) {
      row.add(cell instanceof Long || cell instanceof Integer ? String.format("%,d", ((Number) cell).longValue()) : String.valueOf(cell));
    }
    rows.add(row);
    return this;
  }

  boolean isEmpty() {
    return rows.isEmpty();
  }

  String render(String indent) {
    int columns = headers.size();
    int[] widths = new int[columns];
    boolean[] right = new boolean[columns];
    for (int c = 0; c < columns; c++) {
      widths[c] = headers.get(c).length();
      right[c] = c > 0;
      for (List<String> row : rows) {
        widths[c] = Math.max(widths[c], row.get(c).length());
        right[c] &= NUMERIC.matcher(row.get(c)).matches();
      }
    }
    StringBuilder out = new StringBuilder();
    line(out, indent, headers, widths, right);
    StringBuilder rule = new StringBuilder();
    for (int c = 0; c < columns; c++) {
      rule.append(c == 0 ? "" : "  ").append("-".repeat(widths[c]));
    }
    out.append(indent).append(rule).append('\n');
    rows.forEach(row -> line(out, indent, row, widths, right));
    return out.toString();
  }

  private static void line(StringBuilder out, String indent, List<String> cells, int[] widths, boolean[] right) {
    StringBuilder line = new StringBuilder(indent);
    for (int c = 0; c < cells.size(); c++) {
      String cell = cells.get(c);
      String pad = " ".repeat(widths[c] - cell.length());
      line.append(c == 0 ? "" : "  ").append(right[c] ? pad + cell : cell + pad);
    }
    out.append(line.toString().stripTrailing()).append('\n');
  }
}
