package org.laporpredator.channel.email.internal;

/** What is kept of an attachment: never its bytes, only their SHA-256, their number and the declared type. */
record AttachmentFacts(String sha256Hex, long size, String declaredType) {
}
