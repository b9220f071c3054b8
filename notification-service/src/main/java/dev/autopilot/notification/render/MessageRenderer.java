package dev.autopilot.notification.render;

import dev.autopilot.notification.config.NotificationConfig;
import dev.autopilot.notification.notice.Notice;
import dev.autopilot.platform.consume.PermanentEventException;
import dev.autopilot.platform.event.Topics;
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
 * Renders a notice with the templates of its channel and event type: {@code
 * templates/<channel>/<event-type>.txt} (whose hidden {@code subject} fragment is the subject) and
 * {@code .html}, e.g. {@code email/alert-fired.txt}. Qute escapes values in the HTML template; the
 * subject is kept to one line. Every template is loaded at startup, so a missing one fails the
 * start, not a notification.
 */
@ApplicationScoped
@Startup
public class MessageRenderer {
  /** The event types this service has templates for. */
  public static final List<String> EVENT_TYPES =
      List.of(
          Topics.ALERT_FIRED,
          Topics.ALERT_RESOLVED,
          Topics.ALERT_ACKNOWLEDGED,
          Topics.DEPLOY_SUCCEEDED,
          Topics.DEPLOY_FAILED,
          Topics.DEPLOY_ROLLED_BACK,
          Topics.DEPLOY_REJECTED,
          Topics.BACKUP_FAILED,
          Topics.BACKUP_RESTORED,
          Topics.BACKUP_COMPLETED,
          Topics.MAINTENANCE_SCHEDULED,
          Topics.HEALTH_DEGRADED,
          Topics.HEALTH_RECOVERED);

  /** The channels this service has templates for. */
  public static final List<String> CHANNELS = List.of("email");

  private static final String SUBJECT_FRAGMENT = "subject";
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
    for (String channel : CHANNELS) {
      for (String type : EVENT_TYPES) {
        String base = channel + "/" + type.replace('.', '-').replace('_', '-');
        text.put(key(channel, type), load(engine, overrides, base + ".txt"));
        html.put(key(channel, type), load(engine, overrides, base + ".html"));
      }
    }
  }

  /** The template ids (e.g. {@code email/alert-fired.txt}) replaced by files, and their paths. */
  public Map<String, String> overridden() {
    return Map.copyOf(overridden);
  }

  private Template load(Engine engine, Optional<Path> overrides, String id) {
    if (overrides.isPresent()) {
      Path file = overrides.get().resolve(id);
      if (Files.isRegularFile(file)) {
        try {
          Template template = engine.parse(Files.readString(file), null, "override:" + id);
          if (id.endsWith(".txt") && template.getFragment(SUBJECT_FRAGMENT) == null) {
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
    return require(engine, id);
  }

  /**
   * Renders the message a notice becomes on a channel.
   *
   * @throws PermanentEventException when there is no template for it or the data cannot be
   *     rendered: the same event would fail again, so it belongs in the dead-letter topic
   */
  public RenderedMessage render(String channel, Notice notice) {
    Template textTemplate = text.get(key(channel, notice.type()));
    Template htmlTemplate = html.get(key(channel, notice.type()));
    if (textTemplate == null || htmlTemplate == null) {
      throw new PermanentEventException(
          "no " + channel + " template for event type " + notice.type());
    }
    try {
      String subject = oneLine(data(textTemplate.getFragment(SUBJECT_FRAGMENT).instance(), notice));
      return new RenderedMessage(
          subject.isEmpty() ? notice.type() : subject,
          data(textTemplate.instance(), notice).strip() + "\n",
          data(htmlTemplate.instance(), notice).strip() + "\n");
    } catch (RuntimeException e) {
      throw new PermanentEventException(
          "cannot render " + channel + " message for " + notice.type() + ": " + e.getMessage(), e);
    }
  }

  private static String data(TemplateInstance instance, Notice notice) {
    return instance
        .data("event", notice)
        .data("data", notice.data())
        .data("alert", notice.alert())
        .render();
  }

  private static String oneLine(String rendered) {
    String line = rendered.replaceAll("\\s+", " ").strip();
    return line.length() <= MAX_SUBJECT_LENGTH
        ? line
        : line.substring(0, MAX_SUBJECT_LENGTH - 1) + "…";
  }

  private static Template require(Engine engine, String id) {
    Template template = engine.getTemplate(id);
    if (template == null) {
      throw new IllegalStateException("missing template templates/" + id);
    }
    return template;
  }

  private static String key(String channel, String type) {
    return channel + ":" + type;
  }
}
