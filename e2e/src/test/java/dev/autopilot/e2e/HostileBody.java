package dev.autopilot.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autopilot.e2e.OpenApi.Operation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * One hostile request body, independent of the endpoint; {@link #against} shapes it to an
 * endpoint's request schema so that it can never be valid there. Every kind is a 4xx by
 * construction: not JSON, a strict prefix of a JSON object, the wrong JSON kind at the top or in
 * every field, required fields null, nesting past the parser's limit, a body over the size limit,
 * or a content type the endpoint does not take.
 */
sealed interface HostileBody {
  /** The bytes and headers sent to one endpoint. */
  record Request(String contentType, byte[] body, boolean expectContinue) {
    String preview() {
      String text = new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
      return (contentType == null ? "(no Content-Type)" : contentType)
          + " "
          + body.length
          + " bytes: "
          + text
          + (body.length > 300 ? "…" : "");
    }
  }

  Request against(Operation op);

  /** Text that is not JSON at all (may be empty). */
  record NotJson(String text) implements HostileBody {
    public Request against(Operation op) {
      return json(text);
    }
  }

  /** A strict prefix of the endpoint's fields filled with random values. */
  record Truncated(List<JsonNode> values, double cut) implements HostileBody {
    public Request against(Operation op) {
      String full = HostileJson.write(skeleton(op, values));
      return json(full.substring(0, (int) Math.floor(cut * full.length())));
    }
  }

  /** Every field of the schema present with a value of a kind that cannot bind to it. */
  record WrongTypes(List<JsonNode> values) implements HostileBody {
    public Request against(Operation op) {
      JsonNode schema = op.jsonBodySchema();
      if (!schema.path("properties").isObject() || schema.path("properties").isEmpty()) {
        return new WrongTopLevel(values.get(0)).against(op);
      }
      ObjectNode body = HostileJson.NODES.objectNode();
      int i = 0;
      for (Iterator<Map.Entry<String, JsonNode>> p = schema.path("properties").fields();
          p.hasNext(); ) {
        Map.Entry<String, JsonNode> field = p.next();
        JsonNode candidate = values.get(i++ % values.size());
        body.set(field.getKey(), HostileJson.wrongKindFor(op.resolve(field.getValue()), candidate));
      }
      return json(HostileJson.write(body));
    }
  }

  /** Every required field null, plus a random unknown field. */
  record NullRequired(String unknownKey, JsonNode unknownValue) implements HostileBody {
    public Request against(Operation op) {
      JsonNode required = op.jsonBodySchema().path("required");
      if (!required.isArray() || required.isEmpty()) {
        return new WrongTopLevel(unknownValue).against(op);
      }
      ObjectNode body = HostileJson.NODES.objectNode();
      body.set("x-" + unknownKey, unknownValue);
      required.forEach(r -> body.putNull(r.asText()));
      return json(HostileJson.write(body));
    }
  }

  /** The wrong JSON kind for the whole body: a scalar or array for an object, and so on. */
  record WrongTopLevel(JsonNode value) implements HostileBody {
    public Request against(Operation op) {
      String type = op.jsonBodySchema().path("type").asText("object");
      JsonNode body =
          switch (type) {
            case "array" -> value.isArray() ? HostileJson.NODES.objectNode() : value;
            case "string" -> HostileJson.NODES.numberNode(42); // text endpoints: not even text
            default -> value.isObject() ? HostileJson.NODES.arrayNode().add(value) : value;
          };
      return json(HostileJson.write(body));
    }
  }

  /** Arrays (or objects under a field that takes neither) nested {@code depth} deep. */
  record DeepNesting(int depth, boolean arrays) implements HostileBody {
    public Request against(Operation op) {
      String field = scalarField(op);
      if (arrays || field == null) {
        String inner = HostileJson.nested(depth, true, "");
        return json(
            "array".equals(op.jsonBodySchema().path("type").asText())
                ? "{\"a\":" + inner + "}"
                : inner);
      }
      return json("{\"" + field + "\":" + HostileJson.nested(depth, false, field) + "}");
    }
  }

  /** A JSON body larger than the request size limit (1 MB). */
  record Oversized(int extraKilobytes) implements HostileBody {
    public Request against(Operation op) {
      int size = 1024 * 1024 + extraKilobytes * 1024;
      byte[] body = new byte[size];
      java.util.Arrays.fill(body, (byte) 'a');
      byte[] head = "{\"padding\":\"".getBytes(StandardCharsets.UTF_8);
      System.arraycopy(head, 0, body, 0, head.length);
      body[size - 2] = '"';
      body[size - 1] = '}';
      return new Request("application/json", body, true);
    }
  }

  /** A body that is not JSON for the endpoint, sent with a content type it does not take. */
  record WrongContentType(String contentType, List<JsonNode> values) implements HostileBody {
    public Request against(Operation op) {
      Request wrong = new WrongTypes(values).against(op);
      boolean taken =
          contentType != null
              && op.consumes().stream()
                  .anyMatch(t -> contentType.toLowerCase().startsWith(t.toLowerCase()));
      return new Request(taken ? "application/octet-stream" : contentType, wrong.body(), false);
    }
  }

  private static Request json(String body) {
    return new Request("application/json", body.getBytes(StandardCharsets.UTF_8), false);
  }

  /** An object with the endpoint's field names (or random keys) and the given values. */
  private static JsonNode skeleton(Operation op, List<JsonNode> values) {
    ObjectNode body = HostileJson.NODES.objectNode();
    List<String> names = new ArrayList<>();
    op.jsonBodySchema().path("properties").fieldNames().forEachRemaining(names::add);
    if (names.isEmpty()) {
      names.add("value");
    }
    for (int i = 0; i < names.size(); i++) {
      body.set(names.get(i), values.get(i % values.size()));
    }
    return body;
  }

  /** The first field of the schema that takes a scalar or a list, or null. */
  private static String scalarField(Operation op) {
    for (Iterator<Map.Entry<String, JsonNode>> p = op.jsonBodySchema().path("properties").fields();
        p.hasNext(); ) {
      Map.Entry<String, JsonNode> field = p.next();
      String type = op.resolve(field.getValue()).path("type").asText("");
      if (List.of("string", "integer", "number", "boolean", "array").contains(type)) {
        return field.getKey();
      }
    }
    return null;
  }

  /** Every kind, the rare and expensive ones (oversized, deep) less often. */
  static Arbitrary<HostileBody> any() {
    Arbitrary<List<JsonNode>> values = HostileJson.values().list().ofMinSize(1).ofMaxSize(6);
    Arbitrary<HostileBody> notJson =
        Arbitraries.oneOf(
                HostileJson.strings(),
                Arbitraries.strings().ofMaxLength(200),
                Arbitraries.of(
                    "", " ", "{", "[", "{\"a\"", "{\"a\":}", "nul", "tru", "'x'", "{a:1}"))
            .filter(s -> !HostileJson.isJson(s))
            .map(NotJson::new);
    Arbitrary<HostileBody> truncated =
        Combinators.combine(values, Arbitraries.doubles().between(0, 0.999).ofScale(3))
            .as(Truncated::new);
    Arbitrary<HostileBody> wrongTypes = values.map(WrongTypes::new);
    Arbitrary<HostileBody> nullRequired =
        Combinators.combine(HostileJson.strings(), HostileJson.values()).as(NullRequired::new);
    Arbitrary<HostileBody> wrongTop =
        Arbitraries.oneOf(HostileJson.scalars(), HostileJson.values()).map(WrongTopLevel::new);
    Arbitrary<HostileBody> deep =
        Combinators.combine(
                Arbitraries.integers()
                    .between(2, 5000)
                    .withDistribution(net.jqwik.api.RandomDistribution.biased()),
                Arbitraries.of(true, false))
            .as(DeepNesting::new);
    Arbitrary<HostileBody> oversized = Arbitraries.integers().between(1, 2048).map(Oversized::new);
    Arbitrary<HostileBody> wrongContentType =
        Combinators.combine(
                Arbitraries.of(
                    "text/plain",
                    "application/xml",
                    "text/html",
                    "application/x-www-form-urlencoded",
                    "multipart/form-data; boundary=hostile",
                    "application/octet-stream",
                    "application/json; charset=x-no-such-charset",
                    "application/json; charset=UTF-16",
                    "application/jsonx",
                    "*/*",
                    "garbage",
                    "application/",
                    null),
                values)
            .as(WrongContentType::new);
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, notJson),
        net.jqwik.api.Tuple.of(4, truncated),
        net.jqwik.api.Tuple.of(4, wrongTypes),
        net.jqwik.api.Tuple.of(2, nullRequired),
        net.jqwik.api.Tuple.of(3, wrongTop),
        net.jqwik.api.Tuple.of(2, deep),
        net.jqwik.api.Tuple.of(1, oversized),
        net.jqwik.api.Tuple.of(3, wrongContentType));
  }
}
