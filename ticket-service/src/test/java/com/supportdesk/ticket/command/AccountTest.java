package com.supportdesk.ticket.command;

import com.supportdesk.contract.command.RegisterAccount;
import com.supportdesk.contract.command.UpdateAccount;
import com.supportdesk.contract.event.AccountRegistered;
import com.supportdesk.contract.event.AccountUpdated;
import com.supportdesk.contract.model.AccountProfile;
import com.supportdesk.contract.model.Contact;
import com.supportdesk.contract.model.SupportLanguage;
import com.supportdesk.support.Regions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AccountTest {
    static final Instant NOW = Instant.parse("2026-03-30T08:15:00Z");
    static final MetaData ADMIN = new Actor("admin-1", Set.of("admin"), null).toMetaData();
    AggregateTestFixture<Account> fixture;

    static AccountProfile profile(String region, SupportLanguage language) {
        return new AccountProfile(
                "Acme",
                region,
                language,
                "standard",
                new Contact("ann", "Ann", "ann@acme.example", null),
                new Contact("bob", "Bob", "bob@acme.example", null),
                new Contact("sam", "Sam", "sam@vendor.example", null),
                List.of("ops@acme.example"),
                List.of("billing"),
                null);
    }

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Account.class);
        fixture.registerCommandTargetResolver(new CommandTargets());
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(regions);
    }

    final Regions regions = Regions.shipped();

    @Test
    void aRegionIsOneSlaServiceConfiguresAndItsLanguagesAreThoseItPublished() {
        fixture.givenNoPriorActivity()
                .when(new RegisterAccount("acc-1", profile("JAPAN", SupportLanguage.EN)), ADMIN)
                .expectException(InvalidCommand.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("no region 'JAPAN'"));
        regions.apply(new Regions.SupportRegion(
                "JAPAN", "Japan", "tokyo", Set.of(SupportLanguage.EN, SupportLanguage.ZH), 1, false));
        fixture.givenNoPriorActivity()
                .when(new RegisterAccount("acc-1", profile("JAPAN", SupportLanguage.ZH)), ADMIN)
                .expectEvents(new AccountRegistered("acc-1", profile("JAPAN", SupportLanguage.ZH), "admin-1", NOW));
        fixture.givenNoPriorActivity()
                .when(new RegisterAccount("acc-1", profile("JAPAN", SupportLanguage.FR)), ADMIN)
                .expectException(InvalidCommand.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("supports [EN, ZH], not FR"));
        // a deleted region takes no new accounts
        regions.apply(new Regions.SupportRegion("JAPAN", null, null, null, 2, true));
        fixture.givenNoPriorActivity()
                .when(new RegisterAccount("acc-1", profile("JAPAN", SupportLanguage.EN)), ADMIN)
                .expectException(InvalidCommand.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("profile.region"));
    }

    @Test
    void anAccountIsRegisteredWithALanguageOfItsRegion() {
        fixture.givenNoPriorActivity()
                .when(new RegisterAccount("acc-1", profile("EUROPE", SupportLanguage.FR)), ADMIN)
                .expectEvents(new AccountRegistered("acc-1", profile("EUROPE", SupportLanguage.FR), "admin-1", NOW));
        fixture.givenNoPriorActivity()
                .when(new RegisterAccount("acc-1", profile("ASIA", SupportLanguage.FR)), ADMIN)
                .expectException(InvalidCommand.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("profile.language"));
    }

    @Test
    void anUpdateCarriesTheFullProfileAndAnUnchangedOneEmitsNothing() {
        var registered = new AccountRegistered("acc-1", profile("EUROPE", SupportLanguage.FR), "a", NOW);
        fixture.given(registered)
                .when(new UpdateAccount("acc-1", profile("EUROPE", SupportLanguage.DE)), ADMIN)
                .expectEvents(new AccountUpdated("acc-1", profile("EUROPE", SupportLanguage.DE), "admin-1", NOW));
        fixture.given(registered)
                .when(new UpdateAccount("acc-1", profile("EUROPE", SupportLanguage.FR)), ADMIN)
                .expectNoEvents();
    }
}
