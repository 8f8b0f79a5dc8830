/** The WhatsApp Business number: the Cloud API's webhook in, messages out, the reporting conversation between. */
package org.laporpredator.channel.whatsapp.internal;
