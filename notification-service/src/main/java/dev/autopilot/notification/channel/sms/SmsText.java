package dev.autopilot.notification.channel.sms;

/**
 * Fits a text message to SMS segments. A single SMS holds 160 GSM-7 characters (characters of the
 * GSM 03.38 extension table, such as {@code {}[]~€}, count twice), or 70 when any character needs
 * UCS-2; a concatenated message holds 153 / 67 per segment. The rule:
 *
 * <ul>
 *   <li>text and acknowledge link ({@code " Ack: <link>"}) together in one segment: sent as is;
 *   <li>no link: the text is cut to one segment;
 *   <li>with a link (which is about 160 characters on its own): the link is kept whole and the text
 *       is cut to at most one segment's worth, and further so that the whole message fits two
 *       concatenated segments where the link allows, but never to fewer than 40 characters.
 * </ul>
 *
 * <p>Hand-written: the GSM 03.38 tables are two constant strings, and no maintained Java library
 * for SMS segment counting is on this build's dependency list.
 */
public final class SmsText {
  /** GSM 03.38 basic character set (one septet each). */
  private static final String BASIC =
      "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
          + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

  /** GSM 03.38 extension table (an escape plus one septet each). */
  private static final String EXTENDED = "^{}\\[~]|€\f";

  static final int GSM_SINGLE = 160;
  static final int GSM_PART = 153;
  static final int UCS2_SINGLE = 70;
  static final int UCS2_PART = 67;
  private static final int MIN_TEXT = 40;
  private static final String CUT = "...";

  private SmsText() {}

  /** The message for this text and acknowledge link (or null). */
  public static String fit(String text, String ackLink) {
    String body = text == null ? "" : text.replaceAll("\\s+", " ").strip();
    String suffix = ackLink == null ? "" : " Ack: " + ackLink;
    boolean gsm = isGsm7(body + suffix);
    int single = gsm ? GSM_SINGLE : UCS2_SINGLE;
    int part = gsm ? GSM_PART : UCS2_PART;
    if (length(body + suffix, gsm) <= single) {
      return body + suffix;
    }
    if (suffix.isEmpty()) {
      return cut(body, single, gsm);
    }
    int room = Math.min(single, Math.max(2 * part - length(suffix, gsm), MIN_TEXT));
    return cut(body, room, gsm) + suffix;
  }

  /** How many segments a message takes. */
  public static int segments(String message) {
    boolean gsm = isGsm7(message);
    int length = length(message, gsm);
    if (length <= (gsm ? GSM_SINGLE : UCS2_SINGLE)) {
      return 1;
    }
    int part = gsm ? GSM_PART : UCS2_PART;
    return (length + part - 1) / part;
  }

  /** Whether every character is in the GSM 03.38 basic or extension table. */
  public static boolean isGsm7(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (BASIC.indexOf(c) < 0 && EXTENDED.indexOf(c) < 0) {
        return false;
      }
    }
    return true;
  }

  /** Length in septets (GSM-7) or UTF-16 code units (UCS-2). */
  static int length(String s, boolean gsm) {
    if (!gsm) {
      return s.length();
    }
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      n += EXTENDED.indexOf(s.charAt(i)) >= 0 ? 2 : 1;
    }
    return n;
  }

  private static String cut(String s, int max, boolean gsm) {
    if (length(s, gsm) <= max) {
      return s;
    }
    StringBuilder out = new StringBuilder();
    int used = 0;
    int limit = max - CUT.length();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      int w = gsm && EXTENDED.indexOf(c) >= 0 ? 2 : 1;
      if (used + w > limit || (Character.isHighSurrogate(c) && used + 2 > limit)) {
        break;
      }
      out.append(c);
      used += w;
    }
    return out.toString().stripTrailing() + CUT;
  }
}
