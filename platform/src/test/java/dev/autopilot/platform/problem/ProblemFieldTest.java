package dev.autopilot.platform.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;

class ProblemFieldTest {
  record Item(@NotBlank String status, Map<String, @NotBlank String> labels) {}

  record Body(@NotNull String version, List<@Valid @NotNull Item> alerts, @Valid Item first) {}

  private final Validator validator =
      Validation.byDefaultProvider()
          .configure()
          .messageInterpolator(new ParameterMessageInterpolator())
          .buildValidatorFactory()
          .getValidator();

  @Test
  void namesNestedListAndMapFieldsTheWayJsonPathsRead() {
    Body body =
        new Body(
            null,
            java.util.Arrays.asList(
                new Item("firing", Map.of()), new Item("", Map.of("team", "")), null),
            new Item(" ", null));
    Set<String> fields =
        validator.validate(body).stream()
            .map(ConstraintViolation::getPropertyPath)
            .map(ProblemMappers::field)
            .collect(Collectors.toSet());
    assertEquals(
        Set.of(
            "version", "alerts[1].status", "alerts[1].labels[team]", "alerts[2]", "first.status"),
        fields);
  }
}
