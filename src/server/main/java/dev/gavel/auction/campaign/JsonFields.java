package dev.gavel.auction.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Typed access to the fields of one JSON object of the campaign file, with errors that say
 * where: which campaign, which field, what was wrong. Keys starting with "_" are comments.
 */
final class JsonFields {

  private final JsonNode node;
  private final String where;
  private final String prefix;

  JsonFields(JsonNode node, String where, String prefix) {
    this.node = node;
    this.where = where;
    this.prefix = prefix;
  }

  InvalidCampaignException error(String field, String problem) {
    String name = field.isEmpty() ? prefix.substring(0, Math.max(0, prefix.length() - 1)) : prefix + field;
    return new InvalidCampaignException(where + ": " + name + ": " + problem, name);
  }

  /** Rejects unknown keys, so that a misspelt "dailyBudjet" is not silently ignored. */
  void allowOnly(Set<String> known) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!name.startsWith("_") && !known.contains(name)) {
        throw error(name, "unknown field, expected one of " + known.stream().sorted().toList());
      }
    }
  }

  boolean has(String field) {
    JsonNode value = node.get(field);
    return value != null && !value.isNull();
  }

  String text(String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw error(field, "is required");
    }
    if (!value.isTextual() || value.asText().isBlank()) {
      throw error(field, "must be a non-empty string, got " + value);
    }
    return value.asText().trim();
  }

  String optionalText(String field) {
    return has(field) ? text(field) : null;
  }

  /** A string, or an array of lines joined with newlines (easier to read for long markup). */
  String textOrLines(String field) {
    JsonNode value = node.get(field);
    if (value != null && value.isArray()) {
      List<String> lines = texts(field);
      if (lines.isEmpty()) {
        throw error(field, "must not be empty");
      }
      return String.join("\n", lines);
    }
    return text(field);
  }

  /** A decimal given as a JSON string ("2.50") or number (2.50), kept exact. */
  BigDecimal decimal(String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw error(field, "is required");
    }
    if (value.isNumber()) {
      return value.decimalValue();
    }
    if (value.isTextual()) {
      try {
        return new BigDecimal(value.asText().trim());
      } catch (NumberFormatException e) {
        throw error(field, "must be a decimal amount such as \"2.50\", got " + value);
      }
    }
    throw error(field, "must be a decimal amount such as \"2.50\", got " + value);
  }

  /** A required whole number. */
  long integer(String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw error(field, "is required");
    }
    if (!value.canConvertToExactIntegral() || !value.canConvertToLong()) {
      throw error(field, "must be a whole number, got " + value);
    }
    return value.longValue();
  }

  boolean bool(String field, boolean absent) {
    if (!has(field)) {
      return absent;
    }
    JsonNode value = node.get(field);
    if (!value.isBoolean()) {
      throw error(field, "must be true or false, got " + value);
    }
    return value.booleanValue();
  }

  /** An optional array of non-empty strings; absent means empty. */
  List<String> texts(String field) {
    List<String> result = new ArrayList<>();
    JsonNode array = array(field);
    for (int i = 0; i < array.size(); i++) {
      JsonNode item = array.get(i);
      if (!item.isTextual() || item.asText().isBlank()) {
        throw error(field + "[" + i + "]", "must be a non-empty string, got " + item);
      }
      result.add(item.asText().trim());
    }
    return result;
  }

  /** An optional array of integers; absent means empty. */
  List<Integer> ints(String field) {
    List<Integer> result = new ArrayList<>();
    JsonNode array = array(field);
    for (int i = 0; i < array.size(); i++) {
      JsonNode item = array.get(i);
      if (!item.isInt()) {
        throw error(field + "[" + i + "]", "must be an integer, got " + item);
      }
      result.add(item.intValue());
    }
    return result;
  }

  /** A nested object, or null when absent and not required. */
  JsonFields object(String field, boolean required) {
    if (!has(field)) {
      if (required) {
        throw error(field, "is required");
      }
      return null;
    }
    JsonNode value = node.get(field);
    if (!value.isObject()) {
      throw error(field, "must be an object, got " + value.getNodeType().name().toLowerCase(Locale.ROOT));
    }
    return new JsonFields(value, where, prefix + field + ".");
  }

  private JsonNode array(String field) {
    if (!has(field)) {
      return JsonNodeFactory.instance.arrayNode();
    }
    JsonNode value = node.get(field);
    if (!value.isArray()) {
      throw error(field, "must be an array, got " + value);
    }
    return value;
  }
}
