/**
 * Sending mail for notifiers: {@link org.laporpredator.mail.Mailer} (one shared service, configured by PID
 * {@code org.laporpredator.mail}) and {@link org.laporpredator.mail.Mail}. No Jakarta Mail type appears here:
 * the mail library stays private inside the mail bundle.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.laporpredator.mail;
