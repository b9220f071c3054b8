package dev.autopilot.console.session;

import dev.autopilot.console.config.ConsoleConfig;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;
import java.security.SecureRandom;
import java.util.Base64;

/** Reads, checks and issues the sign-in cookie. */
@ApplicationScoped
public class Sessions {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final ConsoleConfig config;
  private final Identities identities;

  Sessions(ConsoleConfig config, Identities identities) {
    this.config = config;
    this.identities = identities;
  }

  /** The cookie's name. */
  public String cookieName() {
    return config.cookie().name();
  }

  /**
   * The signed-in session of a request.
   *
   * @param cookie the sign-in cookie's value, null when absent
   * @throws NotSignedInException no cookie, a malformed one, or a token the services refuse
   */
  public Session require(String cookie) {
    if (cookie == null || cookie.isBlank()) {
      throw new NotSignedInException(null);
    }
    int dot = cookie.indexOf('.');
    if (dot <= 0 || dot == cookie.length() - 1) {
      throw new NotSignedInException("Your sign-in was not readable; sign in again.");
    }
    String nonce = cookie.substring(0, dot);
    String token = cookie.substring(dot + 1);
    return new Session(nonce, token, identities.identify(token));
  }

  /** A signed-in session whose form carried the session's CSRF token. */
  public Session requireForm(String cookie, String csrf) {
    Session session = require(cookie);
    if (!session.csrfMatches(csrf)) {
      throw new CsrfException();
    }
    return session;
  }

  /** A new session for a token the services accepted. */
  public Session start(String token) {
    byte[] nonce = new byte[18];
    RANDOM.nextBytes(nonce);
    return new Session(
        Base64.getUrlEncoder().withoutPadding().encodeToString(nonce),
        token,
        identities.identify(token));
  }

  /** The cookie that keeps a session: HttpOnly, SameSite=Strict, Secure over https. */
  public NewCookie cookie(Session session, HttpServerRequest request) {
    return build(session.cookieValue(), (int) config.cookie().maxAge().toSeconds(), request);
  }

  /** The cookie that ends a session. */
  public NewCookie expired(HttpServerRequest request) {
    return build("", 0, request);
  }

  private NewCookie build(String value, int maxAge, HttpServerRequest request) {
    return new NewCookie.Builder(config.cookie().name())
        .value(value)
        .path("/")
        .maxAge(maxAge)
        .httpOnly(true)
        .secure(secure(request))
        .sameSite(NewCookie.SameSite.STRICT)
        .build();
  }

  boolean secure(HttpServerRequest request) {
    return switch (config.cookie().secure()) {
      case "always" -> true;
      case "never" -> false;
      default -> "https".equalsIgnoreCase(request.scheme());
    };
  }
}
