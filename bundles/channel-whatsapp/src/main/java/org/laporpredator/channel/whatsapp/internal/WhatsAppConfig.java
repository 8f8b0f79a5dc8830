package org.laporpredator.channel.whatsapp.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Lapor Predator WhatsApp channel", description = "The hotline's WhatsApp Business number (Cloud API)")
public @interface WhatsAppConfig {

    @AttributeDefinition(description = "The webhook's verify token, as entered in the Meta app's webhook settings (${env:LAPOR_WHATSAPP_VERIFY_TOKEN})", type = AttributeType.PASSWORD)
    String verifyToken() default "";

    @AttributeDefinition(description = "The Meta app's secret, which signs every webhook call (${env:LAPOR_WHATSAPP_APP_SECRET})", type = AttributeType.PASSWORD)
    String appSecret() default "";

    @AttributeDefinition(description = "The access token of the business number's system user (${env:LAPOR_WHATSAPP_ACCESS_TOKEN})", type = AttributeType.PASSWORD)
    String accessToken() default "";

    @AttributeDefinition(description = "The business phone number's id (not the number itself)")
    String phoneNumberId() default "";

    @AttributeDefinition(description = "The Graph API's address")
    String apiBase() default "https://graph.facebook.com";

    @AttributeDefinition(description = "The Graph API's version")
    String apiVersion() default "v21.0";

    @AttributeDefinition(description = "Tries of a reply before it is given up (1 s, 2 s, 4 s ... apart)")
    int replyTries() default 5;
}
