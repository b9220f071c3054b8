package dev.autopilot.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a request body over {@code quarkus.http.limits.max-body-size} with a 413 problem+json.
 *
 * <p>Quarkus enforces the same limit one route later, but answers with an empty 413 and closes the
 * connection while the client may still be sending, so the client often sees a reset instead of the
 * answer. This route runs just before it: it answers a too-large declared {@code Content-Length}
 * (or, with {@code Expect: 100-continue}, before the body is sent) with a problem, then reads and
 * drops what the client still sends (up to {@link #DRAIN_FACTOR} times the limit, then closes), so
 * the client reads the 413. A chunked body without a length is cut by Quarkus' own reader as
 * before.
 */
@ApplicationScoped
public class BodyLimit {
  /** How much of a refused body is read and dropped before the connection is closed instead. */
  static final int DRAIN_FACTOR = 16;

  private final Optional<MemorySize> limit;
  private final ObjectMapper mapper;

  public BodyLimit(
      @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> limit,
      ObjectMapper mapper) {
    this.limit = limit;
    this.mapper = mapper;
  }

  void install(@Observes Router router) {
    if (limit.isPresent()) {
      long max = limit.get().asLongValue();
      router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(c -> check(c, max));
    }
  }

  private void check(RoutingContext ctx, long max) {
    HttpServerRequest request = ctx.request();
    String declared = request.getHeader("Content-Length");
    long length;
    try {
      length = declared == null ? -1 : Long.parseLong(declared.strip());
    } catch (NumberFormatException e) {
      length = -1; // Vert.x's codec refuses a malformed length itself
    }
    if (length <= max) {
      ctx.next();
      return;
    }
    long[] drained = {0};
    try {
      request.handler(
          chunk -> {
            drained[0] += chunk.length();
            if (drained[0] > max * DRAIN_FACTOR) {
              request.connection().close();
            }
          });
      request.resume();
    } catch (IllegalStateException alreadyRead) {
      // nothing left to drain
    }
    ctx.response()
        .setStatusCode(413)
        .putHeader("Content-Type", Problem.MEDIA_TYPE)
        .end(body(request.path(), length, max));
  }

  private String body(String path, long length, long max) {
    Problem problem =
        new Problem(
            "about:blank",
            "Content Too Large",
            413,
            "request body of "
                + length
                + " bytes is over the limit of "
                + max
                + " bytes (quarkus.http.limits.max-body-size)",
            path,
            null);
    try {
      return mapper.writeValueAsString(problem);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
