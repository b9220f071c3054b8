package dev.autopilot.console.session;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A signed-in browser: the cookie carries a random nonce made at sign-in and the API token.
 *
 * <p>The CSRF token put into every form is HMAC-SHA256(key = the API token, message = the nonce):
 * it changes with every sign-in, needs no server-side store (any console replica can check it), and
 * cannot be computed without the cookie, which scripts cannot read (HttpOnly) and other sites
 * cannot make the browser send (SameSite=Strict).
 */
public record Session(String nonce, String token, Identity identity) {

  /** The cookie value: {@code <nonce>.<token>} (nonces are base64url, so never hold a dot). */
  public String cookieValue() {
    return nonce + "." + token;
  }

  /** This session's CSRF token. */
  public String csrf() {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] sum = mac.doFinal(("console-csrf:" + nonce).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(sum);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /** Whether a form's token is this session's (constant-time comparison). */
  public boolean csrfMatches(String candidate) {
    return candidate != null
        && MessageDigest.isEqual(
            csrf().getBytes(StandardCharsets.UTF_8), candidate.getBytes(StandardCharsets.UTF_8));
  }

  /** The role, for templates. */
  public String role() {
    return identity.role();
  }

  /** For templates: whether to show operator actions. */
  public boolean canOperate() {
    return identity.canOperate();
  }

  /** For templates: whether to show admin actions. */
  public boolean isAdmin() {
    return identity.isAdmin();
  }
}
