package com.supportdesk.notification.mail;

import com.supportdesk.contract.model.NotificationKind;
import com.supportdesk.contract.model.SupportLanguage;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The e-mail templates ({@code templates/mail/<kind>_<language>.txt}, Qute): the first line is {@code Subject: ...},
 * the rest is the body. A language without the template falls back to English (and says so); with no English
 * template either there is nothing to send.
 */
public final class MailTemplates {
    private static final Logger LOG = Logger.getLogger(MailTemplates.class);

    /** Every name a template may use; each is always given (empty when it does not apply). */
    public static final List<String> KEYS = List.of(
            "account",
            "reference",
            "title",
            "severity",
            "change",
            "detail",
            "author",
            "text",
            "target",
            "reason",
            "clock",
            "deadline",
            "application",
            "start",
            "end",
            "link");

    /** A rendered e-mail. */
    public record Rendered(String subject, String body, SupportLanguage language, boolean fallback) {}

    private final Function<String, Template> lookup;

    /** @param lookup template by id ({@code receipt_fr}), or null when there is none */
    public MailTemplates(Function<String, Template> lookup) {
        this.lookup = lookup;
    }

    public static MailTemplates of(Engine engine) {
        return new MailTemplates(id -> engine.getTemplate("mail/" + id));
    }

    public static String templateName(NotificationKind kind) {
        return switch (kind) {
            case RECEIPT -> "receipt";
            case STATUS_CHANGE -> "status";
            case MESSAGE -> "message";
            case ESCALATION -> "escalation";
            case BREACH -> "breach";
            case OUTAGE -> "outage";
            case MAINTENANCE -> "maintenance";
            case EVENT -> throw new IllegalArgumentException("events are forwarded to webhooks, not e-mailed");
            case MONTHLY_REPORT -> throw new IllegalArgumentException("the monthly report's e-mail is ReportMail's");
        };
    }

    public Optional<Rendered> render(NotificationKind kind, SupportLanguage language, Map<String, String> data) {
        return render(templateName(kind), language, data, KEYS);
    }

    /** One of a digest's notices: its subject and body as they would have been sent alone. */
    public record Item(String subject, String body) {}

    /**
     * A digest: several routine notices to one person in one e-mail ({@code digest_<language>.txt}, keys
     * {@code count} and {@code items}), each notice under its own subject line, oldest first.
     */
    public Optional<Rendered> renderDigest(SupportLanguage language, List<Item> items) {
        StringBuilder text = new StringBuilder();
        for (Item item : items) {
            text.append("-".repeat(72))
                    .append('\n')
                    .append(item.subject())
                    .append("\n\n")
                    .append(item.body().strip())
                    .append("\n\n");
        }
        return render(
                "digest",
                language,
                Map.of("count", String.valueOf(items.size()), "items", text.toString()),
                List.of("count", "items"));
    }

    private Optional<Rendered> render(
            String name, SupportLanguage language, Map<String, String> data, List<String> keys) {
        SupportLanguage wanted = language == null ? SupportLanguage.EN : language;
        Template template = lookup.apply(name + "_" + wanted.name().toLowerCase(Locale.ROOT));
        SupportLanguage used = wanted;
        if (template == null && wanted != SupportLanguage.EN) {
            LOG.warnf("No %s template in %s: sending English instead", name, wanted);
            template = lookup.apply(name + "_en");
            used = SupportLanguage.EN;
        }
        if (template == null) {
            LOG.errorf("No %s template at all (not even English): nothing to send", name);
            return Optional.empty();
        }
        TemplateInstance instance = template.instance();
        for (String key : keys) {
            instance.data(key, data.getOrDefault(key, ""));
        }
        String text = instance.render();
        String subject = "";
        String body = text;
        if (text.startsWith("Subject:")) {
            int eol = text.indexOf('\n');
            subject = (eol < 0 ? text.substring(8) : text.substring(8, eol)).trim();
            body = eol < 0 ? "" : text.substring(eol + 1).replaceFirst("^\\s*\\n", "");
        }
        return Optional.of(new Rendered(subject, body, used, used != wanted));
    }
}
