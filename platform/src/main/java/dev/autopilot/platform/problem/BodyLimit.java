package dev.autopilot.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
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
 * the client reads the 413.
 *
 * <p>A body without a length ({@code Transfer-Encoding: chunked}) cannot be judged from its
 * headers, and Quarkus REST checks the limit only when it streams a body (not while it buffers one,
 * and a JSON reader that fails on the first bad byte never gets there: a garbage chunked body was
 * answered 400, a well-formed one got Quarkus' empty 413 and a reset). Such a body goes through
 * Vert.x's own {@link BodyHandler} with the same limit: it collects the body (at most the limit,
 * which the JSON reader would hold anyway; Quarkus REST then reads it from there) and fails the
 * request with 413 as soon as one byte more arrives, without keeping the rest. That failure is
 * answered here like a declared length.
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
      BodyHandler unknownLength = BodyHandler.create(false).setBodyLimit(max);
      router
          .route()
          .order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1)
          .handler(c -> check(c, max, unknownLength))
          .failureHandler(c -> failed(c, max));
    }
  }

  private void check(RoutingContext ctx, long max, BodyHandler unknownLength) {
    HttpServerRequest request = ctx.request();
    String declared = request.getHeader("Content-Length");
    if (declared == null) {
      if (request.getHeader("Transfer-Encoding") != null) {
        unknownLength.handle(ctx); // next() with the body, or fail(413) past the limit
      } else {
        ctx.next();
      }
      return;
    }
    long length;
    try {
      length = Long.parseLong(declared.strip());
    } catch (NumberFormatException e) {
      length = -1; // Vert.x's codec refuses a malformed length itself
    }
    if (length <= max) {
      ctx.next();
      return;
    }
    refuse(ctx, max, "request body of " + length + " bytes is over the limit of " + max + " bytes");
  }

  /** The body handler's 413 (a body without a length that grew past the limit). */
  private void failed(RoutingContext ctx, long max) {
    if (ctx.statusCode() != 413 || ctx.response().headWritten()) {
      ctx.next();
      return;
    }
    refuse(ctx, max, "request body is over the limit of " + max + " bytes");
  }

  private void refuse(RoutingContext ctx, long max, String detail) {
    HttpServerRequest request = ctx.request();
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
        .end(body(request.path(), detail + " (quarkus.http.limits.max-body-size)"));
  }

  private String body(String path, String detail) {
    Problem problem = new Problem("about:blank", "Content Too Large", 413, detail, path, null);
    try {
      return mapper.writeValueAsString(problem);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
