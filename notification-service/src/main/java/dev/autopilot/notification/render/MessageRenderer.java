package dev.autopilot.notification.render;

import dev.autopilot.notification.config.NotificationConfig;
import dev.autopilot.notification.notice.Notice;
import dev.autopilot.platform.consume.PermanentEventException;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Renders a notice with the templates of its channel and event type, every one loaded at startup (a
 * missing or broken one fails the start, not a notification):
 *
 * <ul>
 *   <li>{@code email/<event-type>.txt} (its hidden {@code subject} fragment is the subject) and
 *       {@code .html}, e.g. {@code email/alert-fired.txt}. Qute escapes values in the HTML one.
 *   <li>every other channel ({@code slack}, {@code webhook}, {@code sms}, {@code pagerduty}):
 *       {@code <channel>/<event-type>.txt} when there is one, else {@code <channel>/default.txt}.
 *       They see what email templates see plus {@code email}, the email rendering (so a channel
 *       template can reuse its subject or text); a {@code subject} fragment is optional (without
 *       one the email subject is used). Their output is plain text; they have no HTML part.
 * </ul>
 *
 * <p>A file under {@code notification.templates.dir} with the same relative name replaces the
 * built-in one (or adds a channel template for an event type that has none built in). The subject
 * is kept to one line.
 */
@ApplicationScoped
@Startup
public class MessageRenderer {
  /** The event types this service has templates for. */
  public static final List<String> EVENT_TYPES = EventTypes.ALL;

  /** The email channel, whose templates every other channel can fall back on. */
  public static final String EMAIL = "email";

  /** The channels this service has templates for. */
  public static final List<String> CHANNELS =
      List.of(EMAIL, "slack", "webhook", "sms", "pagerduty");

  private static final String SUBJECT_FRAGMENT = "subject";
  private static final String DEFAULT = "default";
  private static final int MAX_SUBJECT_LENGTH = 200;

  private final Map<String, Template> text = new HashMap<>();
  private final Map<String, Template> html = new HashMap<>();

  private final Map<String, String> overridden = new HashMap<>();

  /** The built-in templates only. */
  public MessageRenderer(Engine engine) {
    this(engine, Optional.empty());
  }

  /**
   * The built-in templates, each replaced by a file of the same name under {@code overrides} when
   * there is one.
   */
  @Inject
  public MessageRenderer(Engine engine, NotificationConfig config) {
    this(engine, config.templates().dir().filter(d -> !d.isBlank()).map(Path::of));
  }

  private MessageRenderer(Engine engine, Optional<Path> overrides) {
    for (String type : EVENT_TYPES) {
      String base = EMAIL + "/" + fileName(type);
      text.put(key(EMAIL, type), load(engine, overrides, base + ".txt", true));
      html.put(key(EMAIL, type), load(engine, overrides, base + ".html", true));
    }
    for (String channel : CHANNELS) {
      if (channel.equals(EMAIL)) {
        continue;
      }
      Template fallback = load(engine, overrides, channel + "/" + DEFAULT + ".txt", true);
      text.put(key(channel, DEFAULT), fallback);
      for (String type : EVENT_TYPES) {
        Template specific = load(engine, overrides, channel + "/" + fileName(type) + ".txt", false);
        text.put(key(channel, type), specific != null ? specific : fallback);
      }
    }
  }

  /** The template file name of an event type: {@code alert.fired} → {@code alert-fired}. */
  static String fileName(String type) {
    return type.replace('.', '-').replace('_', '-');
  }

  /** The template ids (e.g. {@code email/alert-fired.txt}) replaced by files, and their paths. */
  public Map<String, String> overridden() {
    return Map.copyOf(overridden);
  }

  private Template load(Engine engine, Optional<Path> overrides, String id, boolean required) {
    if (overrides.isPresent()) {
      Path file = overrides.get().resolve(id);
      if (Files.isRegularFile(file)) {
        try {
          Template template = engine.parse(Files.readString(file), null, "override:" + id);
          if (id.startsWith(EMAIL + "/")
              && id.endsWith(".txt")
              && template.getFragment(SUBJECT_FRAGMENT) == null) {
            throw new IllegalStateException("has no {#capture subject} fragment");
          }
          overridden.put(id, file.toString());
          return template;
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read template override " + file, e);
        } catch (RuntimeException e) {
          throw new IllegalStateException("template override " + file + ": " + e.getMessage(), e);
        }
      }
    }
    Template template = engine.getTemplate(id);
    if (template == null && required) {
      throw new IllegalStateException("missing template templates/" + id);
    }
    return template;
  }

  /**
   * Renders the message a notice becomes on a channel.
   *
   * @throws PermanentEventException when there is no template for it or the data cannot be
   *     rendered: the same event would fail again, so it belongs in the dead-letter topic
   */
  public RenderedMessage render(String channel, Notice notice) {
    RenderedMessage email = renderEmail(notice);
    if (EMAIL.equals(channel)) {
      return email;
    }
    Template template = text.get(key(channel, notice.type()));
    if (template == null) {
      throw new PermanentEventException(
          "no " + channel + " template for event type " + notice.type());
    }
    try {
      Template subjectFragment = template.getFragment(SUBJECT_FRAGMENT);
      String subject =
          subjectFragment == null
              ? email.subject()
              : oneLine(data(subjectFragment.instance(), notice).data("email", email));
      return new RenderedMessage(
          subject.isEmpty() ? email.subject() : subject,
          data(template.instance(), notice).data("email", email).render().strip() + "\n",
          "");
    } catch (RuntimeException e) {
      throw new PermanentEventException(
          "cannot render " + channel + " message for " + notice.type() + ": " + e.getMessage(), e);
    }
  }

  private RenderedMessage renderEmail(Notice notice) {
    Template textTemplate = text.get(key(EMAIL, notice.type()));
    Template htmlTemplate = html.get(key(EMAIL, notice.type()));
    if (textTemplate == null || htmlTemplate == null) {
      throw new PermanentEventException("no email template for event type " + notice.type());
    }
    try {
      String subject = oneLine(data(textTemplate.getFragment(SUBJECT_FRAGMENT).instance(), notice));
      return new RenderedMessage(
          subject.isEmpty() ? notice.type() : subject,
          data(textTemplate.instance(), notice).render().strip() + "\n",
          data(htmlTemplate.instance(), notice).render().strip() + "\n");
    } catch (RuntimeException e) {
      throw new PermanentEventException(
          "cannot render email message for " + notice.type() + ": " + e.getMessage(), e);
    }
  }

  private static TemplateInstance data(TemplateInstance instance, Notice notice) {
    return instance.data("event", notice).data("data", notice.data()).data("alert", notice.alert());
  }

  private static String oneLine(TemplateInstance instance) {
    String line = instance.render().replaceAll("\\s+", " ").strip();
    return line.length() <= MAX_SUBJECT_LENGTH
        ? line
        : line.substring(0, MAX_SUBJECT_LENGTH - 1) + "…";
  }

  private static String key(String channel, String type) {
    return channel + ":" + type;
  }
}
