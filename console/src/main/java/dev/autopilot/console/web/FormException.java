package dev.autopilot.console.web;

/** A form field the console rejects before calling any service (a 400 page naming the field). */
public class FormException extends RuntimeException {
  FormException(String field, String message) {
    super(field + ": " + message);
  }
}
