package com.supportdesk.ticket.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.supportdesk.contract.command.ChangeOutageNotificationList;
import com.supportdesk.contract.command.RegisterAccount;
import com.supportdesk.contract.command.UpdateAccount;
import com.supportdesk.contract.event.AccountRegistered;
import com.supportdesk.contract.event.AccountUpdated;
import com.supportdesk.contract.model.AccountProfile;
import com.supportdesk.support.Regions;
import java.time.Clock;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;

/** A client account and its contract. Every event carries the full profile (the topic is compacted). */
public class Account {

    @AggregateIdentifier
    private String accountId;

    private AccountProfile profile;

    protected Account() {
        // for Axon
    }

    @CommandHandler
    public Account(RegisterAccount cmd, MetaData meta, Clock clock, Regions regions) {
        checkRegion(cmd.profile(), regions);
        apply(new AccountRegistered(
                cmd.accountId(), cmd.profile(), Actor.from(meta).userId(), clock.instant()));
    }

    @CommandHandler
    public void handle(UpdateAccount cmd, MetaData meta, Clock clock, Regions regions) {
        checkRegion(cmd.profile(), regions);
        if (cmd.profile().equals(profile)) {
            return; // nothing changed: no event, nothing for the compacted topic
        }
        apply(new AccountUpdated(accountId, cmd.profile(), Actor.from(meta).userId(), clock.instant()));
    }

    @CommandHandler
    public void handle(ChangeOutageNotificationList cmd, MetaData meta, Clock clock) {
        List<String> addresses = cmd.addresses() == null ? List.of() : cmd.addresses();
        for (int i = 0; i < addresses.size(); i++) {
            String a = addresses.get(i);
            if (a == null || !a.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+") || a.length() > 320) {
                throw new InvalidCommand("addresses[" + i + "]", "must be an e-mail address");
            }
        }
        List<String> list = addresses.stream().map(String::trim).distinct().toList();
        if (list.equals(profile.outageNotificationList() == null ? List.of() : profile.outageNotificationList())) {
            return;
        }
        AccountProfile p = profile;
        apply(new AccountUpdated(
                accountId, p.withOutageNotificationList(list), Actor.from(meta).userId(), clock.instant()));
    }

    /** The region must be one sla-service configures (as this instance last heard), the language one it speaks. */
    private static void checkRegion(AccountProfile p, Regions regions) {
        Regions.SupportRegion region = regions.find(p.region())
                .orElseThrow(() -> new InvalidCommand(
                        "profile.region",
                        "no region '" + p.region() + "' is configured; the regions are "
                                + regions.all().stream()
                                        .map(Regions.SupportRegion::id)
                                        .toList()
                                + " (GET /api/sla/regions)"));
        if (!region.languages().contains(p.language())) {
            throw new InvalidCommand(
                    "profile.language",
                    "region " + p.region() + " supports "
                            + region.languages().stream().sorted().toList() + ", not " + p.language());
        }
        if (p.primaryContact().userId().equals(p.backupContact().userId())) {
            throw new InvalidCommand(
                    "profile.backupContact", "must be a different person from the primary designated contact");
        }
    }

    @EventSourcingHandler
    void on(AccountRegistered e) {
        accountId = e.accountId();
        profile = e.profile();
    }

    @EventSourcingHandler
    void on(AccountUpdated e) {
        profile = e.profile();
    }
}
