package org.opencdp.server.workflow.plugins.connectors;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Sends one {@link EmailMessage} over SMTP with Jakarta Mail (Angus). Every socket operation (connect, read,
 * write) is bounded by the resource's timeout, so an unreachable or silent server fails the node instead of
 * holding the worker.
 */
final class SmtpMailer {

    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern BLANK_LINES = Pattern.compile("\\n\\s*\\n\\s*\\n+");
    private static final String CHARSET = StandardCharsets.UTF_8.name();

    /** Connects, authenticates when the resource has a username, sends and disconnects. */
    void send(SmtpSettings server, EmailMessage email) throws MessagingException {
        Session session = Session.getInstance(properties(server));
        MimeMessage message = compose(session, email);
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect(server.host(), server.port(),
                    server.authenticates() ? server.username() : null,
                    server.authenticates() ? server.password() : null);
            transport.sendMessage(message, message.getAllRecipients());
        }
    }

    static Properties properties(SmtpSettings server) {
        String millis = Long.toString(server.timeout().toMillis());
        Properties props = new Properties();
        props.setProperty("mail.smtp.connectiontimeout", millis);
        props.setProperty("mail.smtp.timeout", millis);
        props.setProperty("mail.smtp.writetimeout", millis);
        props.setProperty("mail.smtp.auth", Boolean.toString(server.authenticates()));
        switch (server.tls()) {
            case STARTTLS -> {
                props.setProperty("mail.smtp.starttls.enable", "true");
                props.setProperty("mail.smtp.starttls.required", "true");
            }
            case SSL -> props.setProperty("mail.smtp.ssl.enable", "true");
            case NONE -> { }
        }
        if (server.checkCertificates()) {
            props.setProperty("mail.smtp.ssl.checkserveridentity", "true");
        } else {
            props.setProperty("mail.smtp.ssl.trust", "*");
            props.setProperty("mail.smtp.ssl.checkserveridentity", "false");
        }
        return props;
    }

    static MimeMessage compose(Session session, EmailMessage email) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(address(email.from(), "send_from"));
        if (email.to().isEmpty()) {
            throw new AddressException("send_to: there is no recipient.");
        }
        InternetAddress[] recipients = new InternetAddress[email.to().size()];
        for (int i = 0; i < recipients.length; i++) {
            recipients[i] = address(email.to().get(i), "send_to");
        }
        message.setRecipients(Message.RecipientType.TO, recipients);
        if (email.replyTo() != null && !email.replyTo().isBlank()) {
            message.setReplyTo(new InternetAddress[] {address(email.replyTo(), "reply_to")});
        }
        message.setSubject(email.subject(), CHARSET);
        message.setSentDate(new Date());
        if (email.html()) {
            MimeBodyPart plain = new MimeBodyPart();
            plain.setText(plainText(email.body()), CHARSET);
            MimeBodyPart html = new MimeBodyPart();
            html.setText(email.body(), CHARSET, "html");
            message.setContent(new MimeMultipart("alternative", plain, html));
        } else {
            message.setText(email.body(), CHARSET);
        }
        message.saveChanges();
        return message;
    }

    /** A readable text version of an HTML body: tags dropped, common entities decoded, blank runs shortened. */
    static String plainText(String html) {
        String text = TAG.matcher(html.replaceAll("(?i)<br\\s*/?>|</p>|</div>|</h[1-6]>|</li>", "\n")).replaceAll("");
        text = text.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&amp;", "&");
        return BLANK_LINES.matcher(text).replaceAll("\n\n").strip();
    }

    /** Parses one address strictly; the message names the init field that produced it. */
    static InternetAddress address(String text, String field) throws AddressException {
        try {
            InternetAddress address = new InternetAddress(text.trim(), true);
            address.validate();
            return address;
        } catch (AddressException e) {
            throw new AddressException(field + ": '" + text + "' is not a valid e-mail address (" + e.getMessage() + ").");
        }
    }
}
