package dev.autopilot.platform.problem;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.autopilot.platform.store.Failures;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Maps every error a resource can raise to RFC 9457 problem+json. Client errors say what was wrong
 * and where; server errors say only that something failed, with an id to find the logged cause. A
 * failure because PostgreSQL is unreachable (connection refused, the pool's acquisition timeout;
 * {@link Failures#isInfrastructure}) is a 503 with {@code Retry-After}: the request was fine and
 * may be sent again.
 */
public class ProblemMappers {
  private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
  private static final int FIRST = jakarta.ws.rs.Priorities.USER - 100;

  /** Seconds a client is asked to wait before retrying while the database is unavailable. */
  static final int RETRY_AFTER_SECONDS = 5;

  @ServerExceptionMapper(priority = FIRST)
  public Response problem(ProblemException e, UriInfo uri) {
    return respond(e.status(), e.title(), e.getMessage(), uri, e.errors());
  }

  @ServerExceptionMapper(priority = FIRST)
  public Response validation(ConstraintViolationException e, UriInfo uri) {
    List<Problem.FieldError> errors = new ArrayList<>();
    for (ConstraintViolation<?> v : e.getConstraintViolations()) {
      errors.add(new Problem.FieldError(field(v.getPropertyPath()), v.getMessage()));
    }
    errors.sort(Comparator.comparing(Problem.FieldError::field));
    String detail =
        errors.stream().map(f -> f.field() + " " + f.message()).collect(Collectors.joining("; "));
    return respond(400, "Validation failed", detail, uri, errors);
  }

  @ServerExceptionMapper(priority = FIRST)
  public Response mismatched(MismatchedInputException e, UriInfo uri) {
    String field = jsonPath(e);
    String message = "has the wrong type or format (" + e.getOriginalMessage().split("\n")[0] + ")";
    return respond(
        400,
        "Invalid request body",
        field + " " + message,
        uri,
        List.of(new Problem.FieldError(field, message)));
  }

  @ServerExceptionMapper(priority = FIRST)
  public Response malformed(JsonProcessingException e, UriInfo uri) {
    if (e instanceof MismatchedInputException m) {
      return mismatched(m, uri);
    }
    JsonLocation at = e.getLocation();
    String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    String first = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().split("\n")[0];
    return respond(
        400, "Malformed JSON", "request body is not valid JSON" + where + ": " + first, uri, null);
  }

  @ServerExceptionMapper(priority = FIRST)
  public Response unauthorized(UnauthorizedException e, UriInfo uri) {
    return unauthenticated(uri);
  }

  @ServerExceptionMapper(priority = FIRST)
  public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
    return unauthenticated(uri);
  }

  @ServerExceptionMapper(priority = FIRST)
  public Response forbidden(ForbiddenException e, UriInfo uri) {
    return respond(
        403, "Forbidden", "this token's role may not do this; see the endpoint's roles", uri, null);
  }

  @ServerExceptionMapper(priority = FIRST)
  public Response web(WebApplicationException e, UriInfo uri) {
    if (e.getCause() instanceof JsonProcessingException json) {
      return malformed(json, uri);
    }
    int status = e.getResponse().getStatus();
    if (status >= 500) {
      return serverError(e, uri);
    }
    Response.StatusType type = Response.Status.fromStatusCode(status);
    String title = type == null ? "HTTP " + status : type.getReasonPhrase();
    return respond(status, title, e.getMessage(), uri, null);
  }

  @ServerExceptionMapper(priority = FIRST + 1)
  public Response unexpected(Throwable e, UriInfo uri) {
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      if (t instanceof ProblemException p) {
        return problem(p, uri);
      }
    }
    return serverError(e, uri);
  }

  private static Response serverError(Throwable e, UriInfo uri) {
    String errorId = UUID.randomUUID().toString();
    if (Failures.isInfrastructure(e)) {
      LOG.warnf(
          "request %s failed, database unavailable (%s), error id %s",
          uri.getPath(), RootCause.describe(e), errorId);
      return Response.fromResponse(
              respond(
                  503,
                  "Service Unavailable",
                  "the database is unavailable; try again later (error id " + errorId + ")",
                  uri,
                  null))
          .header("Retry-After", Integer.toString(RETRY_AFTER_SECONDS))
          .build();
    }
    LOG.errorf(e, "request %s failed, error id %s", uri.getPath(), errorId);
    return respond(
        500,
        "Internal Server Error",
        "the request failed on our side; quote error id " + errorId,
        uri,
        null);
  }

  private static Response unauthenticated(UriInfo uri) {
    return Response.fromResponse(
            respond(
                401,
                "Unauthorized",
                "a valid bearer token is required (API token or JWT)",
                uri,
                null))
        .header("WWW-Authenticate", "Bearer")
        .build();
  }

  static Response respond(
      int status, String title, String detail, UriInfo uri, List<Problem.FieldError> errors) {
    Problem body =
        new Problem(
            "about:blank", title, status, detail, uri == null ? null : uri.getPath(), errors);
    return Response.status(status).type(Problem.MEDIA_TYPE).entity(body).build();
  }

  /**
   * The field a violation is about: {@code version}, {@code checks.testsPassed}, {@code
   * alerts[0].status}, {@code limit}. A node inside a list or map carries the index or key of the
   * container before it, so it is written onto the previous part.
   */
  static String field(Path path) {
    List<String> parts = new ArrayList<>();
    String parameter = null;
    for (Path.Node node : path) {
      ElementKind kind = node.getKind();
      if (kind == ElementKind.PARAMETER) {
        parameter = node.getName();
        continue;
      }
      if (kind != ElementKind.PROPERTY && kind != ElementKind.CONTAINER_ELEMENT) {
        continue;
      }
      if (node.isInIterable() && !parts.isEmpty()) {
        Object position = node.getIndex() != null ? node.getIndex() : node.getKey();
        int last = parts.size() - 1;
        parts.set(last, parts.get(last) + "[" + (position == null ? "" : position) + "]");
      }
      String name = node.getName();
      if (name != null && !name.startsWith("<")) {
        parts.add(name);
      }
    }
    if (!parts.isEmpty()) {
      return String.join(".", parts);
    }
    return parameter == null ? path.toString() : parameter;
  }

  static String jsonPath(JsonMappingException e) {
    String path =
        e.getPath().stream()
            .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
            .collect(Collectors.joining("."))
            .replace(".[", "[");
    return path.isEmpty() ? "body" : path;
  }
}
