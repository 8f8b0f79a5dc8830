/**
 * What the mail notifiers share: {@link org.laporpredator.mail.partner.Facts} (the fields of an outbox event's
 * payload they know, and nothing else), the words in English and Bahasa Malaysia
 * ({@link org.laporpredator.mail.partner.Words}), links made unclickable
 * ({@link org.laporpredator.mail.partner.Defang}), the letter's layout
 * ({@link org.laporpredator.mail.partner.Letter}) and one partner's recipients, problem and delivery of an event
 * as one mail ({@link org.laporpredator.mail.partner.PartnerMail}). What differs between partners (subject
 * marks, attachments, further headers) stays in each notifier.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.laporpredator.mail.partner;
