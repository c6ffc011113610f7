package dev.gavel.openrtb;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one place OpenRTB JSON is read and written. Reading is strict about types (a string is
 * never taken for a number, a float never for an integer, a scalar never for an array) but
 * tolerates unknown fields, as the spec requires. Errors become {@link InvalidJsonException}s
 * that name the offending field. Thread-safe; build one and share it.
 */
public final class OpenRtbJson {

  public static final int DEFAULT_MAX_NESTING_DEPTH = 32;
  /** Generous enough for VAST or HTML markup in {@code adm}, small enough to stop abuse. */
  public static final int DEFAULT_MAX_STRING_LENGTH = 1_000_000;

  private final JacksonMessages errors;
  private final ObjectReader requestReader;
  private final ObjectReader responseReader;
  private final ObjectWriter writer;

  public OpenRtbJson() {
    this(DEFAULT_MAX_NESTING_DEPTH, DEFAULT_MAX_STRING_LENGTH);
  }

  public OpenRtbJson(int maxNestingDepth, int maxStringLength) {
    if (maxNestingDepth < 2 || maxStringLength < 1) {
      throw new IllegalArgumentException("nesting depth must be >= 2 and string length >= 1");
    }
    ObjectMapper mapper = strictMapper(maxNestingDepth, maxStringLength);
    this.errors = new JacksonMessages(maxNestingDepth);
    this.requestReader = mapper.readerFor(BidRequest.class);
    this.responseReader = mapper.readerFor(BidResponse.class);
    this.writer = mapper.writer();
  }

  /** Parses a bid request; throws {@link InvalidJsonException} if it is not acceptable JSON. */
  public BidRequest readBidRequest(byte[] json) {
    return read(json, requestReader, "request");
  }

  /** Parses an external bidder's response, with the same strictness as requests. */
  public BidResponse readBidResponse(byte[] json) {
    return read(json, responseReader, "response");
  }

  /**
   * A request's top-level {@code id}, whether it is a test, and its {@code tmax} (null when it has
   * none), read without parsing the rest.
   */
  public record Peek(String id, boolean test, Integer tmax) {}

  /**
   * Reads only the top-level {@code id}, {@code test} and {@code tmax} of a request, skipping
   * everything else unparsed: what answering a request Gavel will not run (a shed one) needs, at
   * a fraction of the cost of {@link #readBidRequest}. It stops as soon as it has them, so JSON
   * broken after them is not noticed. Null when they cannot be found this way (broken JSON before
   * them, no string id): the caller then reads the request fully, and its errors are the usual 400.
   */
  public Peek peek(byte[] json) {
    if (json == null || json.length == 0) {
      return null;
    }
    // Most requests are not tests, and some have no tmax: without those bytes anywhere, they are
    // not looked for, and the scan stops at what remains.
    int present = fieldsPresent(json);
    boolean findTest = (present & HAS_TEST) != 0;
    boolean findTmax = (present & HAS_TMAX) != 0;
    try (JsonParser parser = PEEK_FACTORY.createParser(json)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      String id = null;
      boolean test = false;
      Integer tmax = null;
      while ((id == null || findTest || findTmax) && parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if ("id".equals(name)) {
          if (value != JsonToken.VALUE_STRING) {
            return null;
          }
          id = parser.getText();
        } else if (findTest && "test".equals(name) && value == JsonToken.VALUE_NUMBER_INT) {
          test = parser.getIntValue() == 1;
          findTest = false;
        } else if (findTmax && "tmax".equals(name) && value == JsonToken.VALUE_NUMBER_INT
            && parser.getNumberType() == JsonParser.NumberType.INT) {
          tmax = parser.getIntValue();
          findTmax = false;
        } else {
          parser.skipChildren();
        }
      }
      return id == null || id.isBlank() ? null : new Peek(id, test, tmax);
    } catch (IOException e) {
      return null;
    }
  }

  private static final int HAS_TEST = 1;
  private static final int HAS_TMAX = 2;
  /** For peeking only: no duplicate detection, which costs a set per object and matters only to a full read. */
  private static final JsonFactory PEEK_FACTORY = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(DEFAULT_MAX_NESTING_DEPTH * 4).build())
      .build();

  /**
   * Whether {@code "test"} and {@code "tmax"} occur anywhere in the bytes, in one pass (the body
   * is scanned once per request, shed or not: it was 3% of an event loop's samples as two scans).
   */
  static int fieldsPresent(byte[] json) {
    int found = 0;
    for (int i = 0, last = json.length - 6; i <= last; i++) {
      if (json[i] != '"' || json[i + 1] != 't' || json[i + 5] != '"') {
        continue;
      }
      byte b2 = json[i + 2];
      byte b3 = json[i + 3];
      byte b4 = json[i + 4];
      if (b2 == 'e' && b3 == 's' && b4 == 't') {
        found |= HAS_TEST;
      } else if (b2 == 'm' && b3 == 'a' && b4 == 'x') {
        found |= HAS_TMAX;
      }
      if (found == (HAS_TEST | HAS_TMAX)) {
        break;
      }
    }
    return found;
  }

  /**
   * Builds the readers' and writers' (de)serializers with one request and one response through
   * both. Jackson builds them on first use, generating classes for each record (Blackbird): on a
   * cold JVM that took an event loop over half a second and left the first auction past its
   * deadline. Blocking in effect: call it on a worker thread before the HTTP verticles serve.
   */
  public void prime() {
    BidRequest request = readBidRequest(PRIME_REQUEST);
    readBidRequest(write(request));
    readBidResponse(write(readBidResponse(PRIME_RESPONSE)));
  }

  private static final byte[] PRIME_REQUEST = ("{\"id\":\"prime\",\"tmax\":100,\"cur\":[\"USD\"],\"imp\":[{\"id\":\"1\","
      + "\"banner\":{\"format\":[{\"w\":300,\"h\":250}]},\"video\":{\"mimes\":[\"video/mp4\"],\"w\":640,\"h\":360},"
      + "\"native\":{\"request\":\"{}\"},\"pmp\":{\"deals\":[{\"id\":\"d\"}]},\"bidfloor\":0.1,\"ext\":{}}],"
      + "\"site\":{\"domain\":\"prime.example\",\"publisher\":{\"id\":\"p\"}},\"app\":{\"bundle\":\"b\"},"
      + "\"device\":{\"ua\":\"u\",\"ip\":\"192.0.2.1\",\"geo\":{\"country\":\"USA\"}},\"user\":{\"id\":\"u\",\"eids\":[]},"
      + "\"regs\":{\"coppa\":0,\"gdpr\":0},\"source\":{\"schain\":{\"complete\":1,\"ver\":\"1.0\",\"nodes\":[]}},\"ext\":{}}")
      .getBytes(java.nio.charset.StandardCharsets.UTF_8);
  private static final byte[] PRIME_RESPONSE = ("{\"id\":\"prime\",\"cur\":\"USD\",\"seatbid\":[{\"seat\":\"s\",\"bid\":[{\"id\":\"b\","
      + "\"impid\":\"1\",\"price\":1.5,\"adm\":\"<div/>\",\"adomain\":[\"a.example\"],\"w\":300,\"h\":250,\"ext\":{}}]}],\"ext\":{}}")
      .getBytes(java.nio.charset.StandardCharsets.UTF_8);

  /** Serializes a model object (BidRequest, BidResponse, ...); null fields are left out. */
  public byte[] write(Object value) {
    try {
      return writer.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      // Only a programming error (an unserializable type) can get here.
      throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
    }
  }

  private <T> T read(byte[] json, ObjectReader reader, String what) {
    if (json == null || json.length == 0) {
      throw new InvalidJsonException("", what + " body is empty");
    }
    JsonParser parser = null;
    try {
      parser = reader.createParser(json);
      return readSingleObject(parser, reader, what);
    } catch (JsonProcessingException e) {
      throw errors.translate(e, parser);
    } catch (IOException e) {
      // Parsing a byte array does no I/O; this would be a Jackson bug.
      throw new UncheckedIOException(e);
    } finally {
      closeQuietly(parser);
    }
  }

  private static <T> T readSingleObject(JsonParser parser, ObjectReader reader, String what)
      throws IOException {
    JsonToken first = parser.nextToken();
    if (first == null) {
      throw new InvalidJsonException("", what + " body is empty");
    }
    if (first != JsonToken.START_OBJECT) {
      throw new InvalidJsonException("", what + " body must be a JSON object");
    }
    T value = reader.readValue(parser);
    // Checked here rather than with FAIL_ON_TRAILING_TOKENS so the sender gets a clear message.
    if (hasTrailingContent(parser)) {
      throw new InvalidJsonException("", "unexpected content after the JSON object");
    }
    return value;
  }

  private static boolean hasTrailingContent(JsonParser parser) throws IOException {
    try {
      return parser.nextToken() != null;
    } catch (JsonProcessingException e) {
      return true;
    }
  }

  private static void closeQuietly(JsonParser parser) {
    if (parser == null) {
      return;
    }
    try {
      parser.close();
    } catch (IOException ignored) {
      // Nothing to release for an in-memory source.
    }
  }

  private static ObjectMapper strictMapper(int maxNestingDepth, int maxStringLength) {
    JsonFactory factory = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(maxNestingDepth)
            .maxStringLength(maxStringLength)
            .build())
        // Two values for one field (two bidfloors, say) are ambiguous: refuse rather than guess.
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
        .build();
    return JsonMapper.builder(factory)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
        .disable(DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS)
        .disable(DeserializationFeature.ACCEPT_EMPTY_STRING_AS_NULL_OBJECT)
        .disable(DeserializationFeature.ACCEPT_EMPTY_ARRAY_AS_NULL_OBJECT)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        // Pass-through ext objects keep prices exactly as sent ("1.50" stays "1.50").
        .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
        .defaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL))
        .withCoercionConfigDefaults(config -> config
            .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.EmptyArray, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.EmptyObject, CoercionAction.Fail)
            .setAcceptBlankAsEmpty(false))
        .withCoercionConfig(LogicalType.Integer, config -> config
            .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
        .withCoercionConfig(LogicalType.Float, config -> config
            .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
        .withCoercionConfig(LogicalType.Textual, config -> config
            .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
        // Records' accessors through generated lambdas, not Method.invoke (reflection was ~5% of an
        // event loop's samples, writing responses and events).
        .addModule(new com.fasterxml.jackson.module.blackbird.BlackbirdModule())
        .build();
  }
}
