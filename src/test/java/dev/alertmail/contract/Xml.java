package dev.alertmail.contract;

/** Escapes text for an XML element or attribute value. */
public final class Xml {

  private Xml() {}

  public static String escape(String value) {
    return value
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
