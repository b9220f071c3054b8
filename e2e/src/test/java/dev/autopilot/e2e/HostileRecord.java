package dev.autopilot.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * One garbage Kafka record, independent of the topic; {@link #against} shapes it to a topic's valid
 * sample so that no consumer can ever process it: not JSON, truncated, wrong kinds, required fields
 * missing or null, the wrong top-level kind, nesting past the parser's limit, a value near the
 * broker's size limit, or bad CloudEvents headers. Its key is hostile too (NUL, control characters,
 * invalid UTF-8) and must survive into the dead letter.
 */
sealed interface HostileRecord {
  /** Topics that also take plain JSON without CloudEvents headers (docs/events.md). */
  java.util.Set<String> PLAIN_JSON = java.util.Set.of("deploy.requested", "metrics.samples");

  /** The bytes produced: key, value and headers (a null header value is a header without one). */
  record Produced(byte[] key, byte[] value, Map<String, byte[]> headers) {
    String preview() {
      StringBuilder b = new StringBuilder();
      b.append("key=").append(key == null ? "null" : printable(key)).append(" headers={");
      headers.forEach(
          (k, v) -> b.append(k).append('=').append(v == null ? "null" : printable(v)).append(' '));
      b.append("} value(").append(value == null ? 0 : value.length).append(" bytes)=");
      b.append(
          value == null
              ? "null"
              : printable(java.util.Arrays.copyOf(value, Math.min(value.length, 200))));
      return b.toString();
    }

    static String printable(byte[] bytes) {
      return new String(bytes, StandardCharsets.UTF_8)
          .replace("\u0000", "\\0")
          .chars()
          .mapToObj(c -> c < 0x20 ? String.format("\\x%02x", c) : String.valueOf((char) c))
          .reduce("", String::concat);
    }
  }

  /** The record's key: any string, NUL and invalid UTF-8 included, or none. */
  Key key();

  /** A key's bytes (null: no key), shown escaped in reports. */
  record Key(byte[] bytes) {
    @Override
    public String toString() {
      return bytes == null ? "null" : Produced.printable(bytes);
    }
  }

  /** Its value: garbage in the topic's terms; headers are valid CloudEvents unless said. */
  Produced against(String topic, JsonNode valid);

  record NotJson(Key key, Key bytes) implements HostileRecord {
    public Produced against(String topic, JsonNode valid) {
      return new Produced(key.bytes(), bytes.bytes(), ceHeaders(topic));
    }
  }

  record Truncated(Key key, double cut) implements HostileRecord {
    public Produced against(String topic, JsonNode valid) {
      String full = HostileJson.write(valid);
      return new Produced(
          key.bytes(),
          utf8(full.substring(0, (int) Math.floor(cut * full.length()))),
          ceHeaders(topic));
    }
  }

  /** Every field of the valid sample with a value of a kind that cannot bind to it. */
  record WrongTypes(Key key, List<JsonNode> values) implements HostileRecord {
    public Produced against(String topic, JsonNode valid) {
      ObjectNode body = HostileJson.NODES.objectNode();
      int i = 0;
      for (Iterator<Map.Entry<String, JsonNode>> f = valid.fields(); f.hasNext(); ) {
        Map.Entry<String, JsonNode> field = f.next();
        body.set(
            field.getKey(),
            HostileJson.wrongKindFor(kindOf(field.getValue()), values.get(i++ % values.size())));
      }
      return new Produced(key.bytes(), utf8(HostileJson.write(body)), ceHeaders(topic));
    }

    private static JsonNode kindOf(JsonNode sample) {
      ObjectNode schema = HostileJson.NODES.objectNode();
      schema.put(
          "type",
          sample.isTextual()
              ? "string"
              : sample.isNumber()
                  ? "number"
                  : sample.isBoolean() ? "boolean" : sample.isArray() ? "array" : "object");
      return schema;
    }
  }

  /** No fields but unknown ones ({@code nulls}: every field of the sample present as null). */
  record MissingRequired(Key key, boolean nulls, String unknownKey, JsonNode unknownValue)
      implements HostileRecord {
    public Produced against(String topic, JsonNode valid) {
      ObjectNode body = HostileJson.NODES.objectNode();
      if (nulls) {
        valid.fieldNames().forEachRemaining(body::putNull);
      }
      body.set("x-" + unknownKey, unknownValue);
      return new Produced(key.bytes(), utf8(HostileJson.write(body)), ceHeaders(topic));
    }
  }

  record WrongTopLevel(Key key, JsonNode value) implements HostileRecord {
    public Produced against(String topic, JsonNode valid) {
      JsonNode body = value.isObject() ? HostileJson.NODES.arrayNode().add(value) : value;
      return new Produced(key.bytes(), utf8(HostileJson.write(body)), ceHeaders(topic));
    }
  }

  record DeepNesting(Key key, int depth, boolean arrays) implements HostileRecord {
    public Produced against(String topic, JsonNode valid) {
      String first = valid.fieldNames().next();
      String value =
          arrays
              ? HostileJson.nested(depth, true, "")
              : "{\"" + first + "\":" + HostileJson.nested(depth, false, first) + "}";
      return new Produced(key.bytes(), utf8(value), ceHeaders(topic));
    }
  }

  /**
   * A value of {@code size} bytes: garbage that still fits the broker's limit (1 MiB), up to the
   * very edge, so its dead letter (the same bytes plus the reason headers) is bigger than it.
   */
  record Oversized(Key key, int size) implements HostileRecord {
    public Produced against(String topic, JsonNode valid) {
      byte[] value = new byte[size];
      java.util.Arrays.fill(value, (byte) '[');
      return new Produced(key.bytes(), value, ceHeaders(topic));
    }
  }

  /** The valid sample with one CloudEvents header missing, blank or wrong. */
  record BadHeaders(Key key, String header, Key wrongValue) implements HostileRecord {
    public Produced against(String topic, JsonNode valid) {
      Map<String, byte[]> headers = ceHeaders(topic);
      String name = header;
      if (name.equals("ce_specversion")
          && PLAIN_JSON.contains(topic)
          && wrongValue.bytes() == null) {
        name = "ce_type"; // these topics take records without CloudEvents headers
      }
      if (wrongValue.bytes() == null && name.equals("ce_time")) {
        // ce_time is optional in CloudEvents: a record without it is valid, so it gets a value
        // that is no time instead.
        headers.put(name, utf8("not-a-time"));
      } else if (wrongValue.bytes() == null) {
        headers.remove(name);
        if (name.equals("ce_id") || name.equals("ce_source") || name.equals("ce_type")) {
          headers.putIfAbsent("ce_specversion", utf8("1.0"));
        }
      } else {
        byte[] value = wrongValue.bytes();
        if (name.equals("ce_specversion")
            && new String(value, StandardCharsets.UTF_8).equals("1.0")) {
          value = utf8("1.0\u0000");
        }
        if (name.equals("ce_type")
            && new String(value, StandardCharsets.UTF_8).equals("dev.autopilot." + topic + ".v1")) {
          value = utf8("x" + new String(value, StandardCharsets.UTF_8));
        }
        // any id or source is one, unless blank or carrying a NUL (which no store can keep)
        String text = new String(value, StandardCharsets.UTF_8);
        if ((name.equals("ce_id") || name.equals("ce_source"))
            && !text.isBlank()
            && !text.contains("\u0000")) {
          value = java.util.Arrays.copyOf(value, value.length + 1);
        }
        headers.put(name, value);
      }
      return new Produced(key.bytes(), utf8(HostileJson.write(valid)), headers);
    }
  }

  /** Valid binary-mode CloudEvents headers for the topic with a fresh id. */
  static Map<String, byte[]> ceHeaders(String topic) {
    Map<String, byte[]> headers = new LinkedHashMap<>();
    headers.put("ce_specversion", utf8("1.0"));
    headers.put("ce_id", utf8(UUID.randomUUID().toString()));
    headers.put("ce_source", utf8("/hostile-test"));
    headers.put("ce_type", utf8("dev.autopilot." + topic + ".v1"));
    headers.put("ce_time", utf8(Instant.now().toString()));
    headers.put("content-type", utf8("application/json"));
    return headers;
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Keys: none, hostile text, or bytes that are not UTF-8. */
  static Arbitrary<Key> keys() {
    return Arbitraries.oneOf(
            Arbitraries.just((byte[]) null),
            HostileJson.strings().map(HostileRecord::utf8),
            Arbitraries.bytes().array(byte[].class).ofMaxSize(16))
        .map(Key::new);
  }

  /** Every kind; the expensive ones (near the size limit, deep) less often. */
  static Arbitrary<HostileRecord> any() {
    Arbitrary<Key> keys = keys();
    Arbitrary<List<JsonNode>> values = HostileJson.values().list().ofMinSize(1).ofMaxSize(6);
    Arbitrary<Key> notJsonBytes =
        Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(200),
                Arbitraries.strings().ofMaxLength(200).map(HostileRecord::utf8),
                Arbitraries.of("", "{", "nul", "{\"a\":}", "{a:1}").map(HostileRecord::utf8))
            .filter(b -> !HostileJson.isJson(new String(b, StandardCharsets.UTF_8)))
            .map(Key::new);
    List<String> headers = List.of("ce_specversion", "ce_id", "ce_source", "ce_type", "ce_time");
    Arbitrary<Key> wrongHeaderValues =
        Arbitraries.<byte[]>oneOf(
                Arbitraries.just((byte[]) null),
                Arbitraries.of("", " ", "0.3", "2.0", "1.0", "not-a-time", "dev.autopilot.other.v1")
                    .map(HostileRecord::utf8),
                HostileJson.strings().filter(s -> !s.isBlank()).map(s -> utf8(s + "\u0000")),
                Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(16))
            .map(Key::new);
    return Arbitraries.frequencyOf(
        Tuple.of(3, Combinators.combine(keys, notJsonBytes).as(NotJson::new)),
        Tuple.of(
            3,
            Combinators.combine(keys, Arbitraries.doubles().between(0, 0.999).ofScale(3))
                .as(Truncated::new)),
        Tuple.of(3, Combinators.combine(keys, values).as(WrongTypes::new)),
        Tuple.of(
            2,
            Combinators.combine(
                    keys, Arbitraries.of(true, false), HostileJson.strings(), HostileJson.values())
                .as(MissingRequired::new)),
        Tuple.of(2, Combinators.combine(keys, HostileJson.values()).as(WrongTopLevel::new)),
        Tuple.of(
            1,
            Combinators.combine(
                    keys, Arbitraries.integers().between(2, 5000), Arbitraries.of(true, false))
                .as(DeepNesting::new)),
        Tuple.of(
            1,
            Combinators.combine(keys, Arbitraries.integers().between(100_000, MAX_VALUE))
                .as(Oversized::new)),
        Tuple.of(
            4,
            Combinators.combine(keys, Arbitraries.of(headers), wrongHeaderValues)
                .as(BadHeaders::new)));
  }

  /** The largest value the test producer sends: just under the broker's 1 MiB record limit. */
  int MAX_VALUE = 1_048_576 - 2_048;

  /** The topics' field names, in order (for reports). */
  static List<String> fields(JsonNode valid) {
    List<String> names = new ArrayList<>();
    valid.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
