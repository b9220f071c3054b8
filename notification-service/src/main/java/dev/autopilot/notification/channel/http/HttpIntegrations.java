package dev.autopilot.notification.channel.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autopilot.notification.channel.SendResult;
import dev.autopilot.notification.channel.Targets;
import dev.autopilot.notification.receiver.Secrets;
import dev.autopilot.notification.store.NotificationRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.function.Function;

/**
 * What every HTTP channel does before its request, in one place: find the notification's
 * integration in the routing in force (gone: permanent failure), resolve the secret it names (not
 * set: permanent failure naming the variable), then build the channel's request and POST it through
 * {@link HttpSender}. A notifier only says which spec and secret it needs and how its request
 * looks.
 */
@ApplicationScoped
public class HttpIntegrations {
  private final Targets targets;
  private final Secrets secrets;
  private final HttpSender http;
  private final ObjectMapper mapper;

  public HttpIntegrations(Targets targets, Secrets secrets, HttpSender http, ObjectMapper mapper) {
    this.targets = targets;
    this.secrets = secrets;
    this.http = http;
    this.mapper = mapper;
  }

  /**
   * One HTTP request of a channel.
   *
   * @param what names the peer in errors (never the URL: it may hold a secret)
   * @param user basic-auth user, or null for none
   */
  public record Post(
      String what,
      String url,
      Map<String, String> headers,
      String user,
      String password,
      HttpSender.Body body) {}

  /** Builds a channel's request from its spec and resolved secret. */
  @FunctionalInterface
  public interface RequestBuilder<T> {
    /**
     * @throws Secrets.MissingSecretException when a further secret the request needs is not set
     */
    Post build(T spec, String secret);
  }

  /**
   * Sends a notification over the integration it was routed to; never throws.
   *
   * @param secretEnv the spec's environment variable naming its main secret
   */
  public <T> SendResult send(
      NotificationRecord n,
      Class<T> specType,
      Function<T, String> secretEnv,
      RequestBuilder<T> request) {
    T spec = targets.spec(n.target(), specType).orElse(null);
    if (spec == null) {
      return SendResult.permanent(
          n.channel() + " integration " + n.target() + " is no longer configured");
    }
    Post post;
    try {
      post = request.build(spec, secrets.require(secretEnv.apply(spec)));
    } catch (Secrets.MissingSecretException e) {
      return SendResult.permanent(e.getMessage());
    }
    return http.post(
        post.what(), post.url(), post.headers(), post.user(), post.password(), post.body());
  }

  /** A value resolved from an environment variable the spec names (for a second secret). */
  public String secret(String envName) {
    return secrets.require(envName);
  }

  /** A JSON request body. */
  public HttpSender.Body json(Object tree) {
    try {
      return new HttpSender.Body("application/json", mapper.writeValueAsString(tree));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The shared mapper, for building JSON trees. */
  public ObjectMapper mapper() {
    return mapper;
  }
}
