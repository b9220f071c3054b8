package dev.autopilot.console.session;

/** A form was posted without this session's CSRF token (a forged or stale request). */
public class CsrfException extends RuntimeException {
  public CsrfException() {
    super("the form's CSRF token is missing or wrong");
  }
}
