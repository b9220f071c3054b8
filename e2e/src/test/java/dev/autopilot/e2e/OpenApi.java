package dev.autopilot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Every operation of every service, read from the services' own OpenAPI documents ({@code
 * /q/openapi}), so a test built on it covers a new endpoint without being told. Used by the
 * authorization matrix and the hostile-input properties.
 */
final class OpenApi {
  static final List<String> ROLES = List.of("viewer", "operator", "admin");
  static final Set<String> MUTATING = Set.of("post", "put", "patch", "delete");

  /** The five services and their e2e ports. */
  static final Map<String, Integer> SERVICES = new LinkedHashMap<>();

  static {
    SERVICES.put("health", Suite.HEALTH);
    SERVICES.put("alert", Suite.ALERT);
    SERVICES.put("notification", Suite.NOTIFICATION);
    SERVICES.put("backup", Suite.BACKUP);
    SERVICES.put("deploy", Suite.DEPLOY);
  }

  /**
   * One operation.
   *
   * @param template the path as the document writes it ({@code /targets/{id}})
   * @param path the path with every parameter replaced by a value that names nothing that exists
   * @param requiredRole the lowest role its security requirement lists; null when public
   * @param spec the operation object; {@code document} is the whole document ($ref targets)
   */
  record Operation(
      String service,
      int port,
      String method,
      String template,
      String path,
      String requiredRole,
      JsonNode spec,
      JsonNode document) {
    @Override
    public String toString() {
      return service + " " + method.toUpperCase() + " " + path;
    }

    /** The media types its request body accepts (empty when it takes no body). */
    List<String> consumes() {
      List<String> types = new ArrayList<>();
      spec.path("requestBody").path("content").fieldNames().forEachRemaining(types::add);
      return types;
    }

    /** Whether it takes a JSON request body. */
    boolean takesJson() {
      return consumes().stream().anyMatch(t -> t.startsWith("application/json"));
    }

    /** The schema of its JSON request body with {@code $ref}s resolved one level; missing node. */
    JsonNode jsonBodySchema() {
      JsonNode content = spec.path("requestBody").path("content");
      for (Iterator<Map.Entry<String, JsonNode>> c = content.fields(); c.hasNext(); ) {
        Map.Entry<String, JsonNode> type = c.next();
        if (type.getKey().startsWith("application/json")) {
          return resolve(type.getValue().path("schema"));
        }
      }
      return content.path("none");
    }

    /** A schema with its {@code $ref} (and a single allOf wrapper) resolved. */
    JsonNode resolve(JsonNode schema) {
      for (int depth = 0; depth < 10; depth++) {
        if (schema.has("$ref")) {
          String ref = schema.get("$ref").asText(); // #/components/schemas/Name
          JsonNode target = document;
          for (String part : ref.substring(2).split("/")) {
            target = target.path(part);
          }
          schema = target;
        } else if (schema.path("allOf").size() == 1) {
          schema = schema.path("allOf").get(0);
        } else {
          return schema;
        }
      }
      return schema;
    }
  }

  private static List<Operation> cached;

  private OpenApi() {}

  /** Every operation of every service (the suite is started first). */
  static synchronized List<Operation> operations() throws Exception {
    if (cached != null) {
      return cached;
    }
    Suite.get();
    List<Operation> all = new ArrayList<>();
    for (Map.Entry<String, Integer> service : SERVICES.entrySet()) {
      Http.Reply doc = Http.get(service.getValue(), "/q/openapi?format=json", null);
      assertThat(doc.status()).as("%s /q/openapi", service.getKey()).isEqualTo(200);
      JsonNode paths = doc.body().path("paths");
      int before = all.size();
      for (Iterator<Map.Entry<String, JsonNode>> p = paths.fields(); p.hasNext(); ) {
        Map.Entry<String, JsonNode> path = p.next();
        for (Iterator<Map.Entry<String, JsonNode>> m = path.getValue().fields(); m.hasNext(); ) {
          Map.Entry<String, JsonNode> method = m.next();
          if (!Set.of("get", "post", "put", "patch", "delete").contains(method.getKey())) {
            continue;
          }
          all.add(
              new Operation(
                  service.getKey(),
                  service.getValue(),
                  method.getKey(),
                  path.getKey(),
                  concrete(path.getKey(), method.getValue(), path.getValue()),
                  requiredRole(method.getValue()),
                  method.getValue(),
                  doc.body()));
        }
      }
      assertThat(all.size() - before).as("%s has operations", service.getKey()).isPositive();
    }
    cached = List.copyOf(all);
    return cached;
  }

  /** The lowest of the roles the operation's security requirement lists; null when public. */
  private static String requiredRole(JsonNode operation) {
    JsonNode security = operation.path("security");
    if (!security.isArray() || security.isEmpty()) {
      return null;
    }
    String lowest = null;
    for (JsonNode requirement : security) {
      for (Iterator<JsonNode> schemes = requirement.elements(); schemes.hasNext(); ) {
        JsonNode scopes = schemes.next();
        if (scopes.isEmpty()) {
          return "viewer"; // any authenticated caller; viewer is the least
        }
        for (JsonNode role : scopes) {
          if (ROLES.contains(role.asText())
              && (lowest == null || ROLES.indexOf(role.asText()) < ROLES.indexOf(lowest))) {
            lowest = role.asText();
          }
        }
      }
    }
    return lowest == null ? "viewer" : lowest;
  }

  /** The path with every parameter replaced by a value that names nothing that exists. */
  private static String concrete(String template, JsonNode operation, JsonNode pathItem) {
    String path = template;
    List<JsonNode> parameters = new ArrayList<>();
    operation.path("parameters").forEach(parameters::add);
    pathItem.path("parameters").forEach(parameters::add);
    for (JsonNode parameter : parameters) {
      if (!"path".equals(parameter.path("in").asText())) {
        continue;
      }
      JsonNode schema = parameter.path("schema");
      String value =
          switch (schema.path("type").asText()) {
            case "integer", "number" -> "987654321";
            default ->
                "uuid".equals(schema.path("format").asText())
                    ? UUID.randomUUID().toString()
                    : "no-such-" + parameter.path("name").asText();
          };
      path = path.replace("{" + parameter.path("name").asText() + "}", value);
    }
    return path.replaceAll("\\{[^}]+}", "no-such-thing");
  }
}
