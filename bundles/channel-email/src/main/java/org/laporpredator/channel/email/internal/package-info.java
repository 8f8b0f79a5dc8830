/** The email channel: the hotline's mailbox read over IMAP, each message a report, each sender answered. */
package org.laporpredator.channel.email.internal;
