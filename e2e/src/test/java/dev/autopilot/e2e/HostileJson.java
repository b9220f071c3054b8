package dev.autopilot.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Random JSON for hostile input: values (strings with control characters, NUL, astral and
 * right-to-left characters, huge and tiny numbers, nested arrays and objects), and the helpers that
 * turn them into bodies that can never be valid: wrong-kind values for a schema's fields, deep
 * nesting, truncation. Shared by the HTTP and the Kafka properties.
 */
final class HostileJson {
  static final ObjectMapper JSON = new ObjectMapper();
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private HostileJson() {}

  /** Strings an attacker would try: empty, NUL and control characters, any Unicode, quotes. */
  static Arbitrary<String> strings() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(40),
        Arbitraries.strings()
            .withChars("\u0000\u0001\u001f\"\\'<>{}[]%$;\u202e\u00ff")
            .ofMaxLength(12),
        Arbitraries.of(
            "", "\u0000", "null", "' or 1=1 --", "${jndi:ldap://x}", "\uD83D\uDE00", "../../etc"));
  }

  /** A JSON scalar: string, integral, floating, boolean or null, including extremes. */
  static Arbitrary<JsonNode> scalars() {
    return Arbitraries.oneOf(
        strings().map(NODES::textNode),
        Arbitraries.longs().map(NODES::numberNode),
        Arbitraries.of(
            NODES.numberNode(new java.math.BigInteger("9".repeat(60))),
            NODES.numberNode(new java.math.BigDecimal("1e999999")),
            NODES.numberNode(-0.0),
            NODES.numberNode(Double.MIN_VALUE)),
        Arbitraries.doubles().map(NODES::numberNode),
        Arbitraries.of(NODES.booleanNode(true), NODES.booleanNode(false), NODES.nullNode()));
  }

  /** Any JSON value up to a small depth. */
  static Arbitrary<JsonNode> values() {
    return Arbitraries.recursive(HostileJson::scalars, HostileJson::containerOf, 0, 3);
  }

  private static Arbitrary<JsonNode> containerOf(Arbitrary<JsonNode> inner) {
    Arbitrary<JsonNode> array =
        inner
            .list()
            .ofMaxSize(4)
            .map(
                items -> {
                  ArrayNode a = NODES.arrayNode();
                  items.forEach(a::add);
                  return a;
                });
    Arbitrary<JsonNode> object =
        Combinators.combine(strings().list().ofMaxSize(4), inner.list().ofMaxSize(4))
            .as(
                (keys, items) -> {
                  ObjectNode o = NODES.objectNode();
                  for (int i = 0; i < Math.min(keys.size(), items.size()); i++) {
                    o.set(keys.get(i), items.get(i));
                  }
                  return o;
                });
    return Arbitraries.oneOf(array, object);
  }

  /** Whether text parses as one JSON document. */
  static boolean isJson(String text) {
    try {
      JsonNode node = JSON.readTree(text);
      return node != null && !node.isMissingNode();
    } catch (IOException e) {
      return false;
    }
  }

  /** A value whose JSON kind can never bind to a field of the schema's type. */
  static JsonNode wrongKindFor(JsonNode schema, JsonNode candidate) {
    String type = schema.path("type").asText("");
    boolean scalarSchema =
        List.of("string", "integer", "number", "boolean").contains(type)
            || schema.has("enum")
            || schema.has("format");
    if (scalarSchema) {
      // an object never binds to a string, number, boolean, enum, date or UUID field
      ObjectNode o = NODES.objectNode();
      o.set("hostile", candidate);
      return o;
    }
    if ("array".equals(type)) {
      return candidate.isContainerNode() || candidate.isNull() || candidate.isTextual()
          ? NODES.numberNode(7)
          : candidate; // a number or boolean is never a list
    }
    // objects, maps and $refs: a boolean never binds to a record or a map
    return NODES.booleanNode(candidate.isNull() || candidate.asBoolean());
  }

  /** {@code depth} nested arrays (or objects under {@code key}) around a value. */
  static String nested(int depth, boolean arrays, String key) {
    StringBuilder b = new StringBuilder(depth * (key.length() + 6));
    String quoted = JSON.getNodeFactory().textNode(key).toString();
    for (int i = 0; i < depth; i++) {
      b.append(arrays ? "[" : "{" + quoted + ":");
    }
    b.append("1");
    for (int i = 0; i < depth; i++) {
      b.append(arrays ? "]" : "}");
    }
    return b.toString();
  }

  static String write(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
