package dev.autopilot.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.base.GreenMailOperations;
import dev.autopilot.testing.SharedStack;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/** Reads what an SMTP server (GreenMail) received. Messages of all tests accumulate there. */
final class Mailbox {
  /**
   * How long a test waits for an email: one SMTP attempt may time out ({@code
   * quarkus.mailer.timeout}, 30 s; the in-JVM GreenMail now and then leaves a send unanswered,
   * docs/notification-service.md "SMTP connections") and the lane retries it, so this is that
   * timeout plus a retry's worth, not {@link NotificationLog#WAIT}.
   */
  static final Duration WAIT = Duration.ofSeconds(60);

  private final GreenMailOperations greenMail;

  Mailbox(GreenMailOperations greenMail) {
    this.greenMail = greenMail;
  }

  /** The shared stack's SMTP server. */
  static Mailbox shared() {
    return new Mailbox(SharedStack.get().greenMail());
  }

  /** Every received message with exactly this subject. */
  List<MimeMessage> withSubject(String subject) {
    List<MimeMessage> found = new ArrayList<>();
    for (MimeMessage message : greenMail.getReceivedMessages()) {
      try {
        if (subject.equals(message.getSubject())) {
          found.add(message);
        }
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    }
    return found;
  }

  /**
   * Waits up to {@link #WAIT} until {@code count} messages with this subject arrived; returns them.
   * A timeout names what the service's notification log holds under that subject (none: the event
   * was not consumed or routed; RETRY with its error: the send failed), so a failure says where
   * mail stopped.
   */
  List<MimeMessage> await(String subject, int count) {
    AtomicReference<List<MimeMessage>> found = new AtomicReference<>(List.of());
    try {
      Awaitility.await()
          .atMost(WAIT)
          .pollInterval(Duration.ofMillis(200))
          .untilAsserted(
              () -> {
                found.set(withSubject(subject));
                assertThat(found.get()).as("messages with subject '%s'", subject).hasSize(count);
              });
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          e.getMessage()
              + "\nnotifications with that subject: "
              + NotificationLog.ofSubject(subject),
          e);
    }
    return found.get();
  }

  /** The To addresses of a message. */
  static List<String> to(MimeMessage message) throws MessagingException {
    Address[] to = message.getRecipients(Message.RecipientType.TO);
    return to == null ? List.of() : Arrays.stream(to).map(Address::toString).toList();
  }

  /** The text of the first part of this MIME type (text/plain or text/html). */
  static String part(MimeMessage message, String mimeType) throws Exception {
    String found = find(message, mimeType);
    if (found == null) {
      throw new AssertionError("no " + mimeType + " part in '" + message.getSubject() + "'");
    }
    return found;
  }

  private static String find(Part part, String mimeType) throws MessagingException, IOException {
    if (part.isMimeType(mimeType)) {
      return part.getContent().toString();
    }
    if (part.isMimeType("multipart/*")) {
      Multipart multipart = (Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        String found = find(multipart.getBodyPart(i), mimeType);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }
}
