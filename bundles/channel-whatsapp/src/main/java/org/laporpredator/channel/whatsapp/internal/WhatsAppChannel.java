package org.laporpredator.channel.whatsapp.internal;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.laporpredator.conversation.ChatOutbox;
import org.laporpredator.conversation.Outgoing;
import org.laporpredator.conversation.ReplySender;
import org.laporpredator.spi.ModuleHealth;
import org.laporpredator.spi.Modules;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The WhatsApp channel as a module ({@value #PID}): its settings, the webhook's checks and the replies'
 * sender. Switched off, the webhook answers 503 and Meta delivers the call again later. As a {@link ChatOutbox}
 * it writes status updates to reporters, but only within WhatsApp's customer service window: 24 hours from
 * the reporter's last message (later, only paid templates may go, which this channel does not send).
 */
@Component(service = {WhatsAppChannel.class, ModuleHealth.class, ChatOutbox.class}, configurationPid = WhatsAppChannel.PID, property = {
    Modules.ID + "=" + WhatsAppChannel.MODULE_ID,
    Modules.KIND + "=" + Modules.CHANNEL,
    Modules.NAME + "=WhatsApp Business number"
})
@Designate(ocd = WhatsAppConfig.class)
public class WhatsAppChannel implements ModuleHealth, ChatOutbox {

    public static final String PID = "org.laporpredator.channel.whatsapp";
    public static final String MODULE_ID = "channel-whatsapp";
    static final String TARGET = "(" + Modules.ID + "=" + MODULE_ID + ")";
    private static final Pattern NUMBER_ID = Pattern.compile("\\d{1,32}");
    private static final Pattern VERSION = Pattern.compile("v\\d{1,3}\\.\\d{1,3}");

    private final byte[] verifyToken;
    private final SecretKeySpec appSecret;
    private final String phoneNumberId;
    private final String problem;
    private final ReplySender sender;
    static final java.time.Duration WINDOW = java.time.Duration.ofHours(24);
    java.time.Clock clock = java.time.Clock.systemUTC();

    @Activate
    public WhatsAppChannel(WhatsAppConfig config) {
        String verify = strip(config.verifyToken());
        String secret = strip(config.appSecret());
        String access = strip(config.accessToken());
        this.phoneNumberId = strip(config.phoneNumberId());
        String version = strip(config.apiVersion());
        String apiBase = strip(config.apiBase()).isEmpty() ? "https://graph.facebook.com" : strip(config.apiBase()).replaceAll("/+$", "");
        if (verify.isEmpty() || secret.isEmpty() || access.isEmpty() || phoneNumberId.isEmpty()) {
            problem = "not configured: verifyToken, appSecret, accessToken (LAPOR_WHATSAPP_VERIFY_TOKEN, "
                    + "LAPOR_WHATSAPP_APP_SECRET, LAPOR_WHATSAPP_ACCESS_TOKEN) and phoneNumberId are needed";
        } else if (!NUMBER_ID.matcher(phoneNumberId).matches()) {
            problem = "phoneNumberId is the number's id from the Meta app (digits), not the phone number";
        } else if (!VERSION.matcher(version).matches()) {
            problem = "apiVersion looks like v21.0";
        } else {
            problem = null;
        }
        this.verifyToken = verify.getBytes(StandardCharsets.UTF_8);
        this.appSecret = secret.isEmpty() ? null : new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        URI messages = problem == null ? URI.create(apiBase + "/" + version + "/" + phoneNumberId + "/messages") : null;
        this.sender = problem == null ? new ReplySender("Graph API", config.replyTries(), (name, json) -> HttpRequest
                .newBuilder(messages).header("Content-Type", "application/json").header("Authorization", "Bearer " + access)
                .POST(HttpRequest.BodyPublishers.ofByteArray(json))) : null;
    }

    private static String strip(String s) {
        return s == null ? "" : s.strip();
    }

    @Deactivate
    void deactivate() {
        if (sender != null) {
            sender.close();
        }
    }

    @Override
    public String problem() {
        return problem != null ? problem : sender.problem();
    }

    boolean configured() {
        return problem == null;
    }

    /** Whether a subscription's verify token is the configured one, compared in constant time. */
    boolean verifies(String token) {
        return problem == null && token != null
                && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), verifyToken);
    }

    /**
     * Whether {@code X-Hub-Signature-256} ({@code sha256=} and the hex HMAC-SHA256 of the raw body with the app
     * secret) is right, compared in constant time.
     */
    boolean signed(String header, byte[] body) {
        if (problem != null || header == null || !header.startsWith("sha256=") || header.length() != 7 + 64) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(header.substring(7).toLowerCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(given, hmac(appSecret, body));
    }

    static byte[] hmac(SecretKeySpec key, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The business number's id: calls for another number are not ours. */
    String phoneNumberId() {
        return phoneNumberId;
    }

    @Override
    public String send(String chat, java.time.Instant lastHeard, Outgoing message) {
        if (problem != null) {
            throw new IllegalStateException("the WhatsApp channel is not configured");
        }
        if (lastHeard == null || !lastHeard.plus(WINDOW).isAfter(clock.instant())) {
            return "outside WhatsApp's 24-hour customer service window";
        }
        if (!sender.hasRoom(chat)) {
            throw new IllegalStateException("too many WhatsApp replies wait");
        }
        for (com.fasterxml.jackson.databind.node.ObjectNode m : Messages.replies(chat, message)) {
            if (!sender.send(chat, "messages", WhatsAppWebhook.bytes(m))) {
                throw new IllegalStateException("too many WhatsApp replies wait");
            }
        }
        return null;
    }

    ReplySender sender() {
        return sender;
    }
}
