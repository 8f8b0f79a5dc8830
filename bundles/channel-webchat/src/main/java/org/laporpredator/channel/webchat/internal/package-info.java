/** The web chat: the reporting conversation over JSON for the chat panel on the public site. */
package org.laporpredator.channel.webchat.internal;
