package dev.alertmail.cli;

import dev.alertmail.config.UndefinedVariables;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads an AlertMail appender's settings from a logback.xml without starting Logback (which would
 * start the file's other appenders too): the appender's elements by name, with {@code ${VAR}} and
 * {@code ${VAR:-default}} substituted from the file's {@code <property>} elements, system
 * properties and the environment, as Logback does.
 *
 * <p>A Spring Boot {@code logback-spring.xml} works too, as far as it can without Spring: a {@code
 * <springProperty>} is read from the system property named by its {@code source} or from the
 * environment variable Spring's relaxed binding derives from it ({@code smtp.password} becomes
 * {@code SMTP_PASSWORD}), else its {@code defaultValue}; {@code <springProfile>} sections apply
 * when the profiles given with {@code --profile} (or {@code default}) match. What stays undefined
 * is reported by name, never sent.
 */
final class LogbackXmlReader {

  static final String APPENDER_CLASS = "dev.alertmail.logback.AlertMailAppender";

  private LogbackXmlReader() {}

  static Settings read(Path file, String appenderName, String profiles, Map<String, String> env)
      throws CliFailure {
    Element root = parse(file);
    SpringProfiles active = SpringProfiles.of(profiles);
    List<Element> top = new ArrayList<>();
    flatten(root, active, top);
    Map<String, String> defined = new LinkedHashMap<>();
    Variables properties = new Variables(defined, env);
    Map<String, String> springSources = new LinkedHashMap<>();
    for (Element element : top) {
      if (element.getTagName().equals("property")
          && element.hasAttribute("name")
          && element.hasAttribute("value")) {
        defined.put(
            element.getAttribute("name"),
            substitute(
                file,
                "property " + element.getAttribute("name"),
                element.getAttribute("value"),
                properties));
      } else if (element.getTagName().equals("springProperty") && element.hasAttribute("name")) {
        String source = element.getAttribute("source");
        springSources.put(element.getAttribute("name"), source);
        String value = springValue(source, env);
        if (value == null && element.hasAttribute("defaultValue")) {
          value = element.getAttribute("defaultValue");
        }
        if (value != null) {
          defined.put(element.getAttribute("name"), value);
        }
      }
    }
    List<Element> candidates = new ArrayList<>();
    for (Element appender : top) {
      if (!appender.getTagName().equals("appender")) {
        continue;
      }
      if (APPENDER_CLASS.equals(appender.getAttribute("class").strip())
          && (appenderName == null || appenderName.equals(appender.getAttribute("name")))) {
        candidates.add(appender);
      }
    }
    if (candidates.isEmpty()) {
      List<String> holding = profilesHolding(root, appenderName);
      throw new CliFailure(
          ExitCode.CONFIG,
          file
              + " has no AlertMail appender"
              + (appenderName == null ? "" : " named " + appenderName)
              + (holding.isEmpty()
                  ? ""
                  : " for the profiles "
                      + (profiles == null ? "default" : profiles)
                      + "; <springProfile name=\""
                      + String.join("\"> and <springProfile name=\"", holding)
                      + "\"> hold one: add --profile "
                      + holding.get(0)));
    }
    if (candidates.size() > 1) {
      throw new CliFailure(
          ExitCode.CONFIG,
          file + " has several AlertMail appenders: choose one with --appender NAME");
    }
    Map<String, String> values = new LinkedHashMap<>();
    List<Element> elements = new ArrayList<>();
    flatten(candidates.get(0), active, elements); // Spring allows <springProfile> here too
    for (String name : Settings.NAMES) {
      for (Element element : elements.stream().filter(e -> e.getTagName().equals(name)).toList()) {
        String value =
            substitute(file, "<" + name + ">", element.getTextContent().strip(), properties);
        values.merge(name, value, (a, b) -> a + "," + b);
      }
    }
    List<String> undefined =
        UndefinedVariables.problems(values, "set it in the environment or as a <property>");
    if (!undefined.isEmpty()) {
      // never go on with a placeholder: it would be sent as a host name or, worse, a password
      throw new CliFailure(
          ExitCode.CONFIG, file + ": " + String.join("; ", undefined) + springHint(springSources));
    }
    return new Settings(values);
  }

  /** The names of the {@code <springProfile>} sections that hold an AlertMail appender. */
  private static List<String> profilesHolding(Element parent, String appenderName) {
    List<String> names = new ArrayList<>();
    NodeList nodes = parent.getElementsByTagName("springProfile");
    for (int i = 0; i < nodes.getLength(); i++) {
      Element profile = (Element) nodes.item(i);
      for (Element appender : children(profile, "appender")) {
        if (APPENDER_CLASS.equals(appender.getAttribute("class").strip())
            && (appenderName == null || appenderName.equals(appender.getAttribute("name")))
            && !names.contains(profile.getAttribute("name"))) {
          names.add(profile.getAttribute("name"));
        }
      }
    }
    return names;
  }

  /** Elements at the top level, with those of the {@code <springProfile>} sections that apply. */
  private static void flatten(Element parent, SpringProfiles active, List<Element> into)
      throws CliFailure {
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      if (nodes.item(i) instanceof Element element) {
        if (element.getTagName().equals("springProfile")) {
          if (active.matches(element.getAttribute("name"))) {
            flatten(element, active, into);
          }
        } else {
          into.add(element);
        }
      }
    }
  }

  /**
   * The system property {@code source}, or the first environment variable Spring reads for it: its
   * environment property source tries the name with dots and dashes as underscores, in its case and
   * in upper case ({@code ALERTMAIL_TRUST_STORE_PASSWORD}), and Spring Boot's binder the canonical
   * form without dashes ({@code ALERTMAIL_TRUSTSTOREPASSWORD}).
   */
  private static String springValue(String source, Map<String, String> env) {
    if (source == null || source.isBlank()) {
      return null;
    }
    String property = System.getProperty(source);
    if (property != null) {
      return property;
    }
    for (String variable : springVariables(source)) {
      if (env.get(variable) != null) {
        return env.get(variable);
      }
    }
    return null;
  }

  /** The environment variables Spring reads for a property, in the order it tries them. */
  static List<String> springVariables(String source) {
    List<String> names = new ArrayList<>();
    for (String name :
        List.of(
            source,
            source.replace('.', '_'),
            source.replace('-', '_'),
            source.replace('.', '_').replace('-', '_'))) {
      names.add(name);
    }
    for (String name : List.copyOf(names)) {
      names.add(name.toUpperCase(java.util.Locale.ROOT));
    }
    names.add(
        source
            .replace('.', '_')
            .replace("-", "")
            .replace("[", "_")
            .replace("]", "")
            .toUpperCase(java.util.Locale.ROOT));
    return names.stream().distinct().toList();
  }

  private static String springHint(Map<String, String> springSources) {
    if (springSources.isEmpty()) {
      return "";
    }
    StringBuilder hint =
        new StringBuilder(
            " (check reads a <springProperty> from system properties and the environment,"
                + " not from application.properties:");
    springSources.forEach(
        (name, source) ->
            hint.append(' ')
                .append(name)
                .append(" from ")
                .append(source)
                .append(" or ")
                .append(
                    source.replace('.', '_').replace('-', '_').toUpperCase(java.util.Locale.ROOT))
                .append(';'));
    hint.setLength(hint.length() - 1);
    return hint.append(')').toString();
  }

  private static Element parse(Path file) throws CliFailure {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      // a logback.xml needs no DTD; refusing them closes XXE and entity expansion
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      return factory.newDocumentBuilder().parse(file.toFile()).getDocumentElement();
    } catch (IOException | SAXException | ParserConfigurationException e) {
      throw new CliFailure(ExitCode.CONFIG, "cannot read " + file + ": " + e.getMessage());
    }
  }

  /** The message names where, never the value: it may be a password. */
  private static String substitute(Path file, String where, String value, Variables properties)
      throws CliFailure {
    try {
      return properties.substitute(value);
    } catch (RuntimeException e) {
      throw new CliFailure(ExitCode.CONFIG, file + ": cannot substitute the variables in " + where);
    }
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> result = new ArrayList<>();
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      Node node = nodes.item(i);
      if (node instanceof Element element && element.getTagName().equals(name)) {
        result.add(element);
      }
    }
    return result;
  }
}
