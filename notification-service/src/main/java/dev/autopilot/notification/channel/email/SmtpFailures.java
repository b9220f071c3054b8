package dev.autopilot.notification.channel.email;

import dev.autopilot.notification.channel.SendResult;
import io.vertx.ext.mail.SMTPException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The email channel's error taxonomy. Permanent: the SMTP server refused with a 5xx reply (no such
 * mailbox, policy rejection) or the message cannot be built (a malformed address); trying again
 * sends the same refusal. Retriable: everything else, i.e. 4xx replies ("try again later"), refused
 * or dropped connections, timeouts.
 */
public final class SmtpFailures {
  private SmtpFailures() {}

  /** What a failed send means for the notification. */
  public static SendResult classify(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SMTPException smtp) {
        String error = "SMTP " + smtp.getReplyCode() + ": " + firstLine(smtp.getMessage());
        return smtp.isPermanent() ? SendResult.permanent(error) : SendResult.retriable(error);
      }
      if (t instanceof IllegalArgumentException) {
        return SendResult.permanent("cannot build the message: " + describe(t));
      }
    }
    return SendResult.retriable(describe(unwrap(failure)));
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  private static String describe(Throwable t) {
    String message = t.getMessage();
    return t.getClass().getSimpleName()
        + (message == null || message.isBlank() ? "" : ": " + firstLine(message));
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "";
    }
    int newline = text.indexOf('\n');
    return (newline < 0 ? text : text.substring(0, newline)).strip();
  }
}
