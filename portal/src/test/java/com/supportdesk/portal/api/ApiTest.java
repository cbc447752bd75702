package com.supportdesk.portal.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

/**
 * What a page makes of an API answer: a body, none, or a problem naming its field. The REST client's own 204 (an
 * empty entity of no media type, which a standalone JAX-RS client does not reproduce) is met by the portal's system
 * tests, whose commands all ask for {@code Prefer: return=minimal}.
 */
class ApiTest {

    @Test
    void aCommandAnsweredWithoutTheTicketGivesItsVersionAndNoBody() {
        Api answer = Api.call(() -> Response.noContent()
                .header("ETag", "\"3\"")
                .header("Preference-Applied", "return=minimal")
                .build());
        assertThat(answer.status()).isEqualTo(204);
        assertThat(answer.body().isMissingNode()).isTrue();
        assertThat(answer.version()).isEqualTo("3");
    }

    @Test
    void aProblemBecomesAnApiProblemWithItsFieldAndCode() {
        assertThatThrownBy(() -> Api.call(() -> Response.status(409)
                        .type("application/problem+json")
                        .entity(new com.fasterxml.jackson.databind.ObjectMapper()
                                .createObjectNode()
                                .put("detail", "The ticket changed")
                                .put("code", "concurrent-change"))
                        .build()))
                .isInstanceOfSatisfying(ApiProblem.class, p -> {
                    assertThat(p.status()).isEqualTo(409);
                    assertThat(p.code()).isEqualTo("concurrent-change");
                });
    }
}
