package dev.alertmail.log4j2;

import dev.alertmail.config.AlertMailSettings;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderAttribute;

/**
 * The attributes of {@code <AlertMail>} about the mail and what makes an alert, with the names and
 * defaults of the logback.xml elements; see {@link AlertMailBuilder}.
 *
 * @param <B> the builder
 */
public abstract class MailAttributes<B extends MailAttributes<B>>
    extends AlertmanagerAttributes<B> {

  @PluginBuilderAttribute private String from;

  @PluginBuilderAttribute private String to;

  @PluginBuilderAttribute private String cc;

  @PluginBuilderAttribute private String bcc;

  @PluginBuilderAttribute private String subject;

  @PluginBuilderAttribute private String format;

  @PluginBuilderAttribute private String triggerLevel;

  @PluginBuilderAttribute private String bufferSize;

  @PluginBuilderAttribute private String dkimDomain;

  @PluginBuilderAttribute private String dkimSelector;

  @PluginBuilderAttribute private String dkimKey;

  MailAttributes() {}

  /**
   * The sender address. Required.
   *
   * @param from the value as written
   * @return this builder
   */
  public B setFrom(String from) {
    this.from = from;
    return asBuilder();
  }

  /**
   * The recipients, a comma list. Required.
   *
   * @param to the value as written
   * @return this builder
   */
  public B setTo(String to) {
    this.to = to;
    return asBuilder();
  }

  /**
   * Copy recipients, a comma list. Default: none.
   *
   * @param cc the value as written
   * @return this builder
   */
  public B setCc(String cc) {
    this.cc = cc;
    return asBuilder();
  }

  /**
   * Blind copy recipients, a comma list; never in a header. Default: none.
   *
   * @param bcc the value as written
   * @return this builder
   */
  public B setBcc(String bcc) {
    this.bcc = bcc;
    return asBuilder();
  }

  /**
   * A Log4j pattern for the subject; {@code %contextName} is the configuration's name. Default:
   * {@code [%contextName] %level %logger{1.}: %message}.
   *
   * @param subject the value as written
   * @return this builder
   */
  public B setSubject(String subject) {
    this.subject = subject;
    return asBuilder();
  }

  /**
   * {@code HTML}, {@code TEXT} or {@code BOTH}. Default: {@code BOTH}.
   *
   * @param format the value as written
   * @return this builder
   */
  public B setFormat(String format) {
    this.format = format;
    return asBuilder();
  }

  /**
   * Events at or above this level trigger a mail, unless a filter decides. Default: {@code ERROR}.
   *
   * @param triggerLevel the value as written
   * @return this builder
   */
  public B setTriggerLevel(String triggerLevel) {
    this.triggerLevel = triggerLevel;
    return asBuilder();
  }

  /**
   * Context events shown before a trigger, 0 to 10000. Default: 32.
   *
   * @param bufferSize the value as written
   * @return this builder
   */
  public B setBufferSize(String bufferSize) {
    this.bufferSize = bufferSize;
    return asBuilder();
  }

  /**
   * The domain that signs each mail (DKIM {@code d=}), e.g. {@code shop.example}; with {@code
   * dkimSelector} and {@code dkimKey}. Default: none, mail is not signed.
   *
   * @param dkimDomain the value as written
   * @return this builder
   */
  public B setDkimDomain(String dkimDomain) {
    this.dkimDomain = dkimDomain;
    return asBuilder();
  }

  /**
   * The selector (DKIM {@code s=}): the public key is the TXT record {@code
   * selector._domainkey.domain}. Default: none.
   *
   * @param dkimSelector the value as written
   * @return this builder
   */
  public B setDkimSelector(String dkimSelector) {
    this.dkimSelector = dkimSelector;
    return asBuilder();
  }

  /**
   * The signing key file: unencrypted PKCS#8 PEM, Ed25519 or RSA of 2048 bits or more ({@code
   * alertmail dkim-key} makes one). Default: none.
   *
   * @param dkimKey the file's path
   * @return this builder
   */
  public B setDkimKey(String dkimKey) {
    this.dkimKey = dkimKey;
    return asBuilder();
  }

  String triggerLevel() {
    return triggerLevel;
  }

  @Override
  void fill(AlertMailSettings settings) {
    super.fill(settings);
    settings.set("from", from);
    settings.set("to", to);
    settings.set("cc", cc);
    settings.set("bcc", bcc);
    settings.set("subject", subject);
    settings.set("format", format);
    settings.set("triggerLevel", triggerLevel);
    settings.set("bufferSize", bufferSize);
    settings.set("dkimDomain", dkimDomain);
    settings.set("dkimSelector", dkimSelector);
    settings.set("dkimKey", dkimKey);
  }
}
