package org.laporpredator.channel.telegram.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Lapor Predator Telegram channel", description = "The hotline's Telegram bot")
public @interface TelegramConfig {

    @AttributeDefinition(description = "The bot's token from @BotFather, from the environment (${env:LAPOR_TELEGRAM_TOKEN})", type = AttributeType.PASSWORD)
    String token() default "";

    @AttributeDefinition(description = "The webhook's secret_token (1 to 256 of A-Z a-z 0-9 _ -), from the environment (${env:LAPOR_TELEGRAM_SECRET})", type = AttributeType.PASSWORD)
    String secret() default "";

    @AttributeDefinition(description = "The Bot API's address")
    String apiBase() default "https://api.telegram.org";

    @AttributeDefinition(description = "Tries of a reply before it is given up (1 s, 2 s, 4 s ... apart)")
    int replyTries() default 5;
}
