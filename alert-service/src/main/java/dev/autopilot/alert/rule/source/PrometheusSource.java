package dev.autopilot.alert.rule.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autopilot.alert.config.AlertConfig;
import dev.autopilot.alert.rule.Rule;
import dev.autopilot.alert.rule.Series;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code prometheus} rules: an instant query ({@code GET /api/v1/query?query=&time=}) against
 * {@code alert.rules.prometheus-url}; one series per element of a vector result ({@code __name__}
 * dropped, as Prometheus's own rules do), one unlabelled series for a scalar.
 */
@ApplicationScoped
public class PrometheusSource implements RuleSource {
  private final HttpClient http;
  private final ObjectMapper mapper;
  private final AlertConfig.Rules config;

  public PrometheusSource(ObjectMapper mapper, AlertConfig config) {
    this.mapper = mapper;
    this.config = config.rules();
    this.http = HttpClient.newBuilder().connectTimeout(this.config.prometheusTimeout()).build();
  }

  @Override
  public List<Series> evaluate(Rule rule, Instant at) {
    String base =
        config
            .prometheusUrl()
            .orElseThrow(() -> new IllegalStateException("alert.rules.prometheus-url is not set"))
            .replaceAll("/+$", "");
    URI uri =
        URI.create(
            base
                + "/api/v1/query?query="
                + URLEncoder.encode(rule.expr(), StandardCharsets.UTF_8)
                + "&time="
                + at.getEpochSecond()
                + "."
                + String.format("%03d", at.getNano() / 1_000_000));
    HttpResponse<String> response;
    try {
      response =
          http.send(
              HttpRequest.newBuilder(uri)
                  .timeout(config.prometheusTimeout())
                  .header("Accept", "application/json")
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException("query failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("query interrupted", e);
    }
    return parse(response.statusCode(), response.body());
  }

  /** Reads a Prometheus query API answer. */
  List<Series> parse(int status, String body) {
    JsonNode root;
    try {
      root = mapper.readTree(body);
    } catch (IOException e) {
      throw new IllegalStateException("HTTP " + status + ", not a Prometheus API answer");
    }
    if (status != 200 || !"success".equals(root.path("status").asText())) {
      throw new IllegalStateException(
          "HTTP "
              + status
              + ": "
              + root.path("errorType").asText("error")
              + ": "
              + root.path("error").asText(body.length() > 200 ? body.substring(0, 200) : body));
    }
    JsonNode data = root.path("data");
    List<Series> series = new ArrayList<>();
    switch (data.path("resultType").asText()) {
      case "vector" -> {
        for (JsonNode r : data.path("result")) {
          Map<String, String> labels = new LinkedHashMap<>();
          r.path("metric")
              .fields()
              .forEachRemaining(f -> labels.put(f.getKey(), f.getValue().asText()));
          labels.remove("__name__");
          series.add(new Series(labels, value(r.path("value"))));
        }
      }
      case "scalar" -> series.add(new Series(Map.of(), value(data.path("result"))));
      default ->
          throw new IllegalStateException(
              "expected a vector or scalar result, got " + data.path("resultType").asText());
    }
    return series;
  }

  private static double value(JsonNode pair) {
    String v = pair.path(1).asText();
    return switch (v) {
      case "NaN" -> Double.NaN;
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(v);
    };
  }

  /** For tests: the timeout in effect. */
  Duration timeout() {
    return config.prometheusTimeout();
  }
}
