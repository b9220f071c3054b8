package dev.autopilot.notification.route;

import dev.autopilot.platform.problem.Problem;
import dev.autopilot.platform.problem.ProblemException;
import java.util.List;
import java.util.stream.Collectors;

/** A routing document that does not validate: a 400 listing every error by path and field. */
public class InvalidRoutingException extends ProblemException {
  public InvalidRoutingException(List<Problem.FieldError> errors) {
    super(
        400,
        "Bad Request",
        "invalid routing configuration: "
            + errors.stream()
                .map(e -> e.field() + " " + e.message())
                .collect(Collectors.joining("; ")),
        errors);
  }
}
