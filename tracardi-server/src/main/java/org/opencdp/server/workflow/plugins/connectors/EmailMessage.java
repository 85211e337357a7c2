package org.opencdp.server.workflow.plugins.connectors;

import java.util.List;

/**
 * One rendered e-mail of the Send e-mail action.
 *
 * @param to      one or more recipients
 * @param replyTo null or blank for none
 * @param html    true for a {@code text/html} body (sent with a plain-text alternative)
 */
record EmailMessage(String from, List<String> to, String replyTo, String subject, String body, boolean html) {

    EmailMessage {
        to = List.copyOf(to);
    }
}
