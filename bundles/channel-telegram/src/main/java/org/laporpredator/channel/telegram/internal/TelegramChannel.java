package org.laporpredator.channel.telegram.internal;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.regex.Pattern;
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
 * The Telegram channel as a module ({@value #PID}): its settings and the replies' sender. Switched off, the
 * webhook answers 503 and Telegram delivers the update again later. As a {@link ChatOutbox} it writes
 * status updates to reporters (a bot may write to a chat at any time).
 */
@Component(service = {TelegramChannel.class, ModuleHealth.class, ChatOutbox.class}, configurationPid = TelegramChannel.PID, property = {
    Modules.ID + "=" + TelegramChannel.MODULE_ID,
    Modules.KIND + "=" + Modules.CHANNEL,
    Modules.NAME + "=Telegram bot"
})
@Designate(ocd = TelegramConfig.class)
public class TelegramChannel implements ModuleHealth, ChatOutbox {

    public static final String PID = "org.laporpredator.channel.telegram";
    public static final String MODULE_ID = "channel-telegram";
    static final String TARGET = "(" + Modules.ID + "=" + MODULE_ID + ")";
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{1,256}");
    private static final Pattern TOKEN = Pattern.compile("\\d+:[A-Za-z0-9_-]+");

    private final String secret;
    private final String problem;
    private final ReplySender sender;

    @Activate
    public TelegramChannel(TelegramConfig config) {
        String token = config.token() == null ? "" : config.token().strip();
        this.secret = config.secret() == null ? "" : config.secret().strip();
        String apiBase = config.apiBase() == null || config.apiBase().isBlank() ? "https://api.telegram.org"
                : config.apiBase().strip().replaceAll("/+$", "");
        if (token.isEmpty() || secret.isEmpty()) {
            problem = "not configured: token and secret (LAPOR_TELEGRAM_TOKEN, LAPOR_TELEGRAM_SECRET) are needed";
        } else if (!TOKEN.matcher(token).matches()) {
            problem = "the token does not look like a bot token (digits:letters)";
        } else if (!SECRET.matcher(secret).matches()) {
            problem = "the secret may hold only A-Z, a-z, 0-9, _ and -, 1 to 256 of them";
        } else {
            problem = null;
        }
        String base = apiBase + "/bot" + token + "/";
        this.sender = problem == null ? new ReplySender("Bot API", config.replyTries(), (method, json) -> HttpRequest
                .newBuilder(URI.create(base + method)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json))) : null;
    }

    @Deactivate
    void deactivate() {
        if (sender != null) {
            sender.close();
        }
    }

    @Override
    public String problem() {
        String p = problem;
        if (p != null) {
            return p;
        }
        return sender.problem();
    }

    /** Whether the header is the configured secret, compared in constant time; false when not configured. */
    boolean authentic(String header) {
        return problem == null && header != null && java.security.MessageDigest.isEqual(
                header.getBytes(java.nio.charset.StandardCharsets.UTF_8), secret.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    boolean configured() {
        return problem == null;
    }

    @Override
    public String send(String chat, java.time.Instant lastHeard, Outgoing message) {
        if (problem != null) {
            throw new IllegalStateException("the Telegram channel is not configured");
        }
        if (!chat.matches("-?\\d{1,20}")) {
            return "not a Telegram chat id";
        }
        if (!sender.hasRoom(chat) || !sender.send(chat, "sendMessage", Updates.bytes(Updates.sendMessage(chat, message)))) {
            throw new IllegalStateException("too many Telegram replies wait");
        }
        return null;
    }

    ReplySender sender() {
        return sender;
    }
}
