package dev.autopilot.console.client;

import java.util.List;

/**
 * A service refused or failed a call, or could not be reached. Carries what the service said (its
 * RFC 9457 problem's title, detail and field errors), never a stack trace.
 *
 * @see dev.autopilot.console.web.ErrorPages
 */
public class ServiceException extends RuntimeException {
  private final Service service;
  private final int status;
  private final String title;
  private final String detail;
  private final List<String> errors;

  /**
   * @param status the service's HTTP status; 0 when it could not be reached
   */
  public ServiceException(
      Service service, int status, String title, String detail, List<String> errors) {
    super(
        service.displayName()
            + " "
            + status
            + ": "
            + title
            + (detail == null ? "" : ": " + detail));
    this.service = service;
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.errors = List.copyOf(errors);
  }

  public Service service() {
    return service;
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  public String detail() {
    return detail;
  }

  /** Field errors of a validation problem, as {@code field: message}. */
  public List<String> errors() {
    return errors;
  }
}
