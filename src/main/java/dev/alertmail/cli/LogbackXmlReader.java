package dev.alertmail.cli;

import ch.qos.logback.core.ContextBase;
import ch.qos.logback.core.spi.ScanException;
import ch.qos.logback.core.util.OptionHelper;
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
 */
final class LogbackXmlReader {

  static final String APPENDER_CLASS = "dev.alertmail.logback.AlertMailAppender";

  private LogbackXmlReader() {}

  static Settings read(Path file, String appenderName) throws CliFailure {
    Element root = parse(file);
    ContextBase properties = new ContextBase();
    for (Element property : children(root, "property")) {
      if (property.hasAttribute("name") && property.hasAttribute("value")) {
        properties.putProperty(
            property.getAttribute("name"),
            substitute(
                file,
                "property " + property.getAttribute("name"),
                property.getAttribute("value"),
                properties));
      }
    }
    List<Element> candidates = new ArrayList<>();
    for (Element appender : children(root, "appender")) {
      if (APPENDER_CLASS.equals(appender.getAttribute("class").strip())
          && (appenderName == null || appenderName.equals(appender.getAttribute("name")))) {
        candidates.add(appender);
      }
    }
    if (candidates.isEmpty()) {
      throw new CliFailure(
          ExitCode.CONFIG,
          file
              + " has no AlertMail appender"
              + (appenderName == null ? "" : " named " + appenderName));
    }
    if (candidates.size() > 1) {
      throw new CliFailure(
          ExitCode.CONFIG,
          file + " has several AlertMail appenders: choose one with --appender NAME");
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (String name : Settings.NAMES) {
      for (Element element : children(candidates.get(0), name)) {
        String value =
            substitute(file, "<" + name + ">", element.getTextContent().strip(), properties);
        values.merge(name, value, (a, b) -> a + "," + b);
      }
    }
    return new Settings(values);
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
  private static String substitute(Path file, String where, String value, ContextBase properties)
      throws CliFailure {
    try {
      return OptionHelper.substVars(value, properties);
    } catch (ScanException | RuntimeException e) {
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
