package dev.autopilot.deploy.rollout;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Masks what looks like a secret in command output before it is stored or published: assignments to
 * password/secret/token/key-like names, bearer credentials, passwords in URLs, private keys, JWTs
 * and well-known token formats. Errs on the side of masking too much.
 */
public final class SecretRedactor {
  /** What replaces a secret. */
  public static final String MASK = "***";

  private record Rule(Pattern pattern, String replacement) {}

  // Repetitions not anchored by a keyword are bounded ({0,64}), so a long token such as a base64
  // blob in command output costs linear time, not quadratic.
  private static final List<Rule> RULES =
      List.of(
          new Rule(
              Pattern.compile(
                  "-----BEGIN [A-Z ]*PRIVATE KEY-----.*?(-----END [A-Z ]*PRIVATE KEY-----|\\z)",
                  Pattern.DOTALL),
              "[private key " + MASK + "]"),
          new Rule(
              Pattern.compile("(?i)\\b(bearer|basic|token)\\s+[A-Za-z0-9._~+/=-]{8,}"),
              "$1 " + MASK),
          new Rule(
              Pattern.compile(
                  "(?i)\\b([a-z][a-z0-9+.-]{0,31}://[^\\s:/@]{1,256}):[^\\s@/]{1,256}@"),
              "$1:" + MASK + "@"),
          new Rule(
              Pattern.compile(
                  "(?i)([\\w.-]{0,64}(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key"
                      + "|private[_-]?key|credentials?|authorization)[\\w.-]{0,64}[\"']?\\s*[:=]\\s*)"
                      + "(\"[^\"]*\"|'[^']*'|[^\\s,;&]+)"),
              "$1" + MASK),
          new Rule(
              Pattern.compile("\\beyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]+"),
              MASK),
          new Rule(Pattern.compile("\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b"), MASK),
          new Rule(Pattern.compile("\\b(ap|gh[pousr])_[A-Za-z0-9_]{8,}"), "$1_" + MASK),
          new Rule(Pattern.compile("\\bxox[abprs]-[A-Za-z0-9-]{8,}"), MASK));

  private SecretRedactor() {}

  /** The text with every secret-looking value replaced by {@link #MASK}. */
  public static String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String result = text;
    for (Rule rule : RULES) {
      result = rule.pattern().matcher(result).replaceAll(rule.replacement());
    }
    return result;
  }
}
