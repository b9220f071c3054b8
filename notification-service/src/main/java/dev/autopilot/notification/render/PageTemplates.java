package dev.autopilot.notification.render;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * The messages that are not one event's: an escalation page ({@code email/escalation.txt} and
 * {@code .html}: which level, since when unacknowledged, then the alert as it fired) and an
 * aggregation group's digest ({@code email/group.txt} and {@code .html}: the members listed, then
 * each one's message). Every channel gets the text; email also the HTML; SMS the subject only.
 */
@ApplicationScoped
public class PageTemplates {
  private final Template escalationText;
  private final Template escalationHtml;
  private final Template groupText;
  private final Template groupHtml;

  public PageTemplates(
      @Location("email/escalation.txt") Template escalationText,
      @Location("email/escalation.html") Template escalationHtml,
      @Location("email/group.txt") Template groupText,
      @Location("email/group.html") Template groupHtml) {
    this.escalationText = escalationText;
    this.escalationHtml = escalationHtml;
    this.groupText = groupText;
    this.groupHtml = groupHtml;
  }

  /** The page of one escalation level. */
  public RenderedMessage escalation(EscalationMessage page) {
    return new RenderedMessage(
        page.subject(),
        escalationText.data("page", page).render().strip() + "\n",
        escalationHtml.data("page", page).render().strip() + "\n");
  }

  /** The message of a due aggregation group. */
  public RenderedMessage group(GroupDigest digest) {
    return new RenderedMessage(
        digest.subject(),
        groupText.data("digest", digest).render().strip() + "\n",
        groupHtml.data("digest", digest).render().strip() + "\n");
  }

  /** A duration in words for a page: {@code 45 s}, {@code 17 min}, {@code 2 h 5 min}. */
  public static String words(Duration d) {
    long seconds = Math.max(0, d.toSeconds());
    if (seconds < 60) {
      return seconds + " s";
    }
    long minutes = seconds / 60;
    if (minutes < 60) {
      return minutes + " min";
    }
    long hours = minutes / 60;
    return minutes % 60 == 0 ? hours + " h" : hours + " h " + (minutes % 60) + " min";
  }
}
