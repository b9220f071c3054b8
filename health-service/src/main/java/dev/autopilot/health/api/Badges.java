package dev.autopilot.health.api;

/**
 * A flat two-part badge in the shields.io style, as SVG text. Hand-written: it is one template with
 * escaped text, and a badge library would be a dependency for twenty lines.
 */
final class Badges {
  private Badges() {}

  /** A badge reading {@code label | value} with the value on {@code color}. */
  static String render(String label, String value, String color) {
    int left = 10 + 7 * label.length();
    int right = 10 + 7 * value.length();
    int width = left + right;
    String l = escape(label);
    String v = escape(value);
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\""
        + width
        + "\" height=\"20\" role=\"img\" aria-label=\""
        + l
        + ": "
        + v
        + "\"><title>"
        + l
        + ": "
        + v
        + "</title><rect width=\""
        + left
        + "\" height=\"20\" fill=\"#555\"/><rect x=\""
        + left
        + "\" width=\""
        + right
        + "\" height=\"20\" fill=\""
        + color
        + "\"/><g fill=\"#fff\" text-anchor=\"middle\""
        + " font-family=\"Verdana,Geneva,DejaVu Sans,sans-serif\" font-size=\"11\"><text x=\""
        + left / 2
        + "\" y=\"14\">"
        + l
        + "</text><text x=\""
        + (left + right / 2)
        + "\" y=\"14\">"
        + v
        + "</text></g></svg>";
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
