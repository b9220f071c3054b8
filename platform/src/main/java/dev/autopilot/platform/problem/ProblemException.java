package dev.autopilot.platform.problem;

import java.util.List;

/** Thrown by resources and services to answer with a specific problem (404, 409, 422, ...). */
public class ProblemException extends RuntimeException {
  private final int status;
  private final String title;
  private final List<Problem.FieldError> errors;

  public ProblemException(int status, String title, String detail) {
    this(status, title, detail, null);
  }

  public ProblemException(
      int status, String title, String detail, List<Problem.FieldError> errors) {
    super(detail);
    this.status = status;
    this.title = title;
    this.errors = errors;
  }

  /** 404: the named thing does not exist. */
  public static ProblemException notFound(String detail) {
    return new ProblemException(404, "Not Found", detail);
  }

  /** 409: the request conflicts with the current state. */
  public static ProblemException conflict(String detail) {
    return new ProblemException(409, "Conflict", detail);
  }

  /** 400 about one field. */
  public static ProblemException badField(String field, String message) {
    return new ProblemException(
        400, "Bad Request", field + " " + message, List.of(new Problem.FieldError(field, message)));
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  public List<Problem.FieldError> errors() {
    return errors;
  }
}
