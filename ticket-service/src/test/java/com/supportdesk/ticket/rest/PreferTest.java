package com.supportdesk.ticket.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code Prefer} header as RFC 7240 writes it: only {@code return=minimal} asks for the short answer. */
class PreferTest {

    @Test
    void returnMinimalInAnyOfItsSpellingsAsksForTheShortAnswer() {
        assertThat(Prefer.minimal(List.of("return=minimal"))).isTrue();
        assertThat(Prefer.minimal(List.of("Return=Minimal"))).isTrue();
        assertThat(Prefer.minimal(List.of(" return = \"minimal\" "))).isTrue();
        assertThat(Prefer.minimal(List.of("respond-async, wait=10, return=minimal; foo=bar")))
                .isTrue();
        assertThat(Prefer.minimal(List.of("respond-async", "return=minimal"))).isTrue();
    }

    @Test
    void anythingElseKeepsTheFullAnswer() {
        assertThat(Prefer.minimal(List.of())).isFalse();
        assertThat(Prefer.minimal(List.of(""))).isFalse();
        assertThat(Prefer.minimal(List.of("return=representation"))).isFalse();
        assertThat(Prefer.minimal(List.of("return"))).isFalse();
        assertThat(Prefer.minimal(List.of("return-minimal"))).isFalse();
        assertThat(Prefer.minimal(List.of("handling=lenient, wait=5"))).isFalse();
        assertThat(Prefer.minimal(List.of("areturn=minimal"))).isFalse();
    }

    @Test
    void theFirstReturnPreferenceDecides() {
        assertThat(Prefer.minimal(List.of("return=representation, return=minimal")))
                .isFalse();
        assertThat(Prefer.minimal(List.of("return=minimal", "return=representation")))
                .isTrue();
    }
}
