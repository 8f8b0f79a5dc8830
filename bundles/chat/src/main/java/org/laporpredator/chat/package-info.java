/** Reading chat exports: WhatsApp "Export chat" text files, and phone numbers in free text. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.laporpredator.chat;
