package org.laporpredator.channel.email.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Lapor Predator email channel",
        description = "Reads the hotline's mailbox over IMAP and turns each message into a report")
public @interface EmailChannelConfig {

    @AttributeDefinition(description = "IMAP server; empty: the channel is not configured and reads nothing")
    String host() default "";

    @AttributeDefinition(description = "0: the usual port of the security chosen (993 imaps, 143 starttls and none)")
    int port() default 0;

    @AttributeDefinition(description = "imaps (TLS from the start), starttls (required), or none (only for a server on this machine)")
    String security() default "imaps";

    @AttributeDefinition(description = "Login name")
    String username() default "";

    @AttributeDefinition(description = "Password, from the environment (${env:LAPOR_IMAP_PASSWORD})", type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD)
    String password() default "";

    @AttributeDefinition(description = "The folder reports arrive in")
    String folder() default "INBOX";

    @AttributeDefinition(description = "Where a message goes once its report is committed (created when missing)")
    String processedFolder() default "Lapor-Processed";

    @AttributeDefinition(description = "Where a message goes that needs a person: unreadable, no links, refused (created when missing)")
    String reviewFolder() default "Lapor-Review";

    @AttributeDefinition(description = "Seconds between looks at the mailbox")
    int pollSeconds() default 60;

    @AttributeDefinition(description = "Messages reported and answered at once (1 to 16): each waits mostly on the store and the SMTP server")
    int workers() default 4;

    @AttributeDefinition(description = "Connect, read and write timeout, in seconds")
    int timeoutSeconds() default 30;

    @AttributeDefinition(description = "Longest wait between attempts while the server is down or refuses the login, in seconds")
    int maxBackoffSeconds() default 300;

    @AttributeDefinition(description = "Automatic replies to one sender per hour, at most (against mail loops)")
    int repliesPerSenderPerHour() default 3;

    @AttributeDefinition(description = "The public web address reporters check their status at, e.g. https://laporpredator.my")
    String siteUrl() default "http://localhost:8181";

    @AttributeDefinition(description = "Longest message text kept as the report's description (at most the core's maxDescriptionLength)")
    int maxTextChars() default 9000;
}
