package com.supportdesk.notification.webhook;

import com.supportdesk.notification.store.NotificationStore;
import com.supportdesk.notification.store.NotificationStore.Subscription;
import com.supportdesk.support.Jdbc;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * The subscriptions' signing secrets, sealed at rest ({@link SecretBox}), and their rotation: a rotated subscription
 * is signed with its new and its previous secret until the overlap ends, so a receiver that still knows only the old
 * one keeps verifying while it switches.
 */
public final class WebhookSecrets {
    private static final Logger LOG = Logger.getLogger(WebhookSecrets.class);

    private final SecretBox box;
    private final Duration overlap;

    public WebhookSecrets(SecretBox box, Duration overlap) {
        this.box = box;
        this.overlap = overlap;
    }

    public Duration overlap() {
        return overlap;
    }

    public String seal(String secret, String subscriptionId) {
        return box.seal(secret, subscriptionId);
    }

    /** The secrets to sign with now: the current one, then the previous one while its overlap lasts. */
    public List<String> signingSecrets(Subscription s, Instant now) {
        List<String> secrets = new ArrayList<>(2);
        secrets.add(box.open(s.secret(), s.id()));
        if (s.previousSecret() != null && s.previousUntil() != null && now.isBefore(s.previousUntil())) {
            secrets.add(box.open(s.previousSecret(), s.id()));
        }
        return secrets;
    }

    /** The current secret, sealed anew as the previous one (for a rotation). */
    public String currentAsPrevious(Subscription s) {
        return box.seal(box.open(s.secret(), s.id()), s.id());
    }

    /**
     * Seals what is not sealed with the current key: secrets stored in the clear by an earlier version, and those
     * sealed with an older key (after the key list was changed to put a new key first). Returns how many rows changed.
     */
    public int resealAll(DataSource dataSource) {
        return Jdbc.inTransaction(dataSource, c -> {
            int changed = 0;
            for (String[] row : NotificationStore.storedSecrets(c)) {
                String id = row[0];
                String secret = reseal(row[1], id);
                String previous = row[2] == null ? null : reseal(row[2], id);
                if (!secret.equals(row[1]) || previous != null && !previous.equals(row[2])) {
                    NotificationStore.storeSecrets(c, id, secret, previous);
                    changed++;
                }
            }
            if (changed > 0) {
                LOG.infof("Webhook secrets of %d subscription(s) sealed with key %s", changed, box.currentKeyId());
            }
            return changed;
        });
    }

    private String reseal(String stored, String id) {
        if (!box.isSealed(stored)) {
            return box.seal(stored, id);
        }
        return box.currentKeyId().equals(box.keyIdOf(stored)) ? stored : box.seal(box.open(stored, id), id);
    }
}
