package dev.autopilot.alert.ingest.alertmanager;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An Alertmanager alert has a non-blank {@code alertname} label; the violation is reported on
 * {@code labels.alertname}.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = AlertnameLabel.Validator.class)
public @interface AlertnameLabel {
  String message() default "must not be blank";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** Checks the {@code alertname} label; a missing labels map is {@code @NotNull}'s business. */
  class Validator implements ConstraintValidator<AlertnameLabel, AlertmanagerWebhook.Alert> {
    @Override
    public boolean isValid(AlertmanagerWebhook.Alert alert, ConstraintValidatorContext context) {
      if (alert == null || alert.labels() == null) {
        return true;
      }
      String name = alert.alertname();
      if (name != null && !name.isBlank()) {
        return true;
      }
      context.disableDefaultConstraintViolation();
      context
          .buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
          .addPropertyNode("labels")
          .addPropertyNode("alertname")
          .addConstraintViolation();
      return false;
    }
  }
}
