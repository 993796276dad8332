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
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads the settings of an {@code <AlertMail>} appender from a log4j2.xml without starting Log4j:
 * its attributes by name, with Log4j's lookups substituted ({@code ${env:NAME}}, {@code
 * ${sys:NAME}}, {@code ${NAME}} from the file's {@code <Properties>}, each with an optional {@code
 * :-default}). What stays undefined is reported by name, never sent.
 */
final class Log4jXmlReader {

  private Log4jXmlReader() {}

  static Settings read(Path file, String appenderName, Map<String, String> env) throws CliFailure {
    Element root = parse(file);
    Map<String, String> properties = new LinkedHashMap<>();
    Variables variables = new Variables(properties, env);
    NodeList propertyNodes = root.getElementsByTagName("Property");
    for (int i = 0; i < propertyNodes.getLength(); i++) {
      Element property = (Element) propertyNodes.item(i);
      String value =
          property.hasAttribute("value")
              ? property.getAttribute("value")
              : property.getTextContent().strip();
      properties.put(property.getAttribute("name"), variables.substitute(value));
    }
    List<Element> candidates = new ArrayList<>();
    NodeList appenders = root.getElementsByTagName("AlertMail");
    for (int i = 0; i < appenders.getLength(); i++) {
      Element appender = (Element) appenders.item(i);
      if (appenderName == null || appenderName.equals(appender.getAttribute("name"))) {
        candidates.add(appender);
      }
    }
    if (candidates.isEmpty()) {
      throw new CliFailure(
          ExitCode.CONFIG,
          file
              + " has no <AlertMail> appender"
              + (appenderName == null ? "" : " named " + appenderName));
    }
    if (candidates.size() > 1) {
      throw new CliFailure(
          ExitCode.CONFIG,
          file + " has several <AlertMail> appenders: choose one with --appender NAME");
    }
    Element appender = candidates.get(0);
    Map<String, String> values = new LinkedHashMap<>();
    for (String name : Settings.NAMES) {
      if (appender.hasAttribute(name)) {
        try {
          values.put(name, variables.substitute(appender.getAttribute(name).strip()));
        } catch (RuntimeException e) {
          throw new CliFailure(
              ExitCode.CONFIG, file + ": cannot substitute the variables in " + name);
        }
      }
    }
    List<String> undefined =
        UndefinedVariables.problems(
            values, "set it in the environment, or as a <Property> in log4j2.xml");
    if (!undefined.isEmpty()) {
      throw new CliFailure(
          ExitCode.CONFIG,
          file
              + ": "
              + dev.alertmail.config.SettingWords.LOG4J.speak(String.join("; ", undefined)));
    }
    return new Settings(values);
  }

  private static Element parse(Path file) throws CliFailure {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      // a log4j2.xml needs no DTD; refusing them closes XXE and entity expansion
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      return factory.newDocumentBuilder().parse(file.toFile()).getDocumentElement();
    } catch (IOException | SAXException | ParserConfigurationException e) {
      throw new CliFailure(
          ExitCode.CONFIG,
          "cannot read "
              + file
              + ": "
              + e.getMessage()
              + " (check reads log4j2.xml; a JSON, YAML or properties configuration it cannot)");
    }
  }
}
