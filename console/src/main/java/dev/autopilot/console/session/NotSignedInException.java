package dev.autopilot.console.session;

/** No sign-in cookie, or its token is no longer accepted: the browser goes to the sign-in page. */
public class NotSignedInException extends RuntimeException {
  /**
   * @param reason shown on the sign-in page; null for none
   */
  public NotSignedInException(String reason) {
    super(reason);
  }
}
