package dev.gavel.openrtb;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;

/**
 * Turns Jackson's exceptions into short messages for the sender of the JSON. Jackson's own
 * messages name Java types and internals, so they are never passed on; the reason is derived
 * from the kind of failure and the expected JSON type instead.
 */
final class JacksonMessages {

  private static final int MAX_PATH_SEGMENTS = 8;

  private final int maxNestingDepth;

  JacksonMessages(int maxNestingDepth) {
    this.maxNestingDepth = maxNestingDepth;
  }

  InvalidJsonException translate(JsonProcessingException e, JsonParser parser) {
    String path = e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
        ? pathOf(mapping.getPath())
        : parser == null ? "" : pathOf(parser.getParsingContext());
    return new InvalidJsonException(path, reasonFor(e, parser), e);
  }

  private String reasonFor(JsonProcessingException e, JsonParser parser) {
    Throwable cause = innermostJacksonCause(e);
    if (cause instanceof StreamConstraintsException) {
      return limitReason(parser);
    }
    if (cause instanceof InputCoercionException) {
      return "number out of range";
    }
    if (cause instanceof InvalidNullException) {
      return "null is not allowed here";
    }
    if (cause instanceof MismatchedInputException mismatch) {
      return expected(mismatch.getTargetType());
    }
    if (cause instanceof JsonMappingException) {
      return "invalid value";
    }
    String message = cause.getMessage();
    if (message != null && message.startsWith("Duplicate field")) {
      return "duplicate field";
    }
    return malformed(cause);
  }

  /** Jackson wraps low-level failures to attach the path; the wrapped one says what went wrong. */
  private static Throwable innermostJacksonCause(JsonProcessingException e) {
    Throwable current = e;
    while (current.getCause() instanceof JsonProcessingException next) {
      current = next;
    }
    return current;
  }

  private String limitReason(JsonParser parser) {
    if (parser != null && parser.getParsingContext().getNestingDepth() >= maxNestingDepth) {
      return "nested deeper than " + maxNestingDepth + " levels";
    }
    return "value exceeds the size limit";
  }

  private static String malformed(Throwable cause) {
    if (cause instanceof JsonProcessingException processing) {
      JsonLocation at = processing.getLocation();
      if (at != null && at.getLineNr() > 0) {
        return "malformed JSON at line " + at.getLineNr() + ", column " + at.getColumnNr();
      }
    }
    return "malformed JSON";
  }

  private static String expected(Class<?> target) {
    if (target == null) {
      return "invalid value";
    }
    if (target == Integer.class || target == int.class || target == Long.class
        || target == long.class || target == BigInteger.class) {
      return "expected an integer";
    }
    if (Number.class.isAssignableFrom(target) || target == double.class
        || target == BigDecimal.class) {
      return "expected a number";
    }
    if (target == String.class) {
      return "expected a string";
    }
    if (Collection.class.isAssignableFrom(target) || target.isArray()) {
      return "expected an array";
    }
    if (target.isRecord() || JsonNode.class.isAssignableFrom(target)) {
      return "expected an object";
    }
    return "invalid value";
  }

  /** {@code imp[0].bidfloor}: names joined with dots, indexes in brackets. */
  static String pathOf(List<JsonMappingException.Reference> references) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : references) {
      if (ref.getFieldName() != null) {
        appendName(path, ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  /**
   * The same notation from the parser's position, for errors found outside the model's mapping
   * (e.g. deep inside an unknown field). Model paths are at most six segments deep; beyond
   * {@value #MAX_PATH_SEGMENTS} the path is cut so the message stays short.
   */
  static String pathOf(JsonStreamContext context) {
    Deque<String> segments = new ArrayDeque<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inArray()) {
        segments.addFirst("[" + Math.max(0, c.getCurrentIndex()) + "]");
      } else if (c.getCurrentName() != null) {
        segments.addFirst("." + c.getCurrentName());
      }
    }
    StringBuilder path = new StringBuilder();
    int kept = 0;
    for (String segment : segments) {
      if (kept++ == MAX_PATH_SEGMENTS) {
        path.append("...");
        break;
      }
      path.append(segment);
    }
    return path.length() > 0 && path.charAt(0) == '.' ? path.substring(1) : path.toString();
  }

  private static void appendName(StringBuilder path, String name) {
    if (path.length() > 0) {
      path.append('.');
    }
    path.append(name);
  }
}
