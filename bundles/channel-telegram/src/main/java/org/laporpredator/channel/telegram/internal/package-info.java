/** The Telegram bot: the Bot API's webhook in, sendMessage out, the reporting conversation between. */
package org.laporpredator.channel.telegram.internal;
