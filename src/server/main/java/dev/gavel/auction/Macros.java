package dev.gavel.auction;

import java.util.Map;

/**
 * OpenRTB 2.6 substitution macros (${AUCTION_PRICE} and friends), replaced in one pass over the
 * template. Macros without data are left as they are, as the spec expects: the party that has
 * the data may substitute them later.
 */
public final class Macros {
  private Macros() {}

  public static String substitute(String template, Map<String, String> values) {
    if (template == null || template.indexOf("${") < 0) {
      return template;
    }
    StringBuilder out = new StringBuilder(template.length() + 32);
    int from = 0;
    while (true) {
      int open = template.indexOf("${", from);
      int close = open < 0 ? -1 : template.indexOf('}', open + 2);
      if (close < 0) {
        out.append(template, from, template.length());
        return out.toString();
      }
      String value = values.get(template.substring(open + 2, close));
      out.append(template, from, open);
      if (value == null) {
        out.append(template, open, close + 1);
      } else {
        out.append(value);
      }
      from = close + 1;
    }
  }
}
