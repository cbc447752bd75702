package com.supportdesk.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import org.jboss.resteasy.reactive.RestForm;
import org.junit.jupiter.api.Test;

/** The customer pages' own rules, without a server. */
class CustomerPagesTest {

    @Test
    void everyFormPostChecksTheSessionsCsrfToken() {
        List<Method> posts = java.util.stream.Stream.of(CustomerPages.class, AccountPages.class)
                .flatMap(c -> Arrays.stream(c.getDeclaredMethods()))
                .filter(m -> m.isAnnotationPresent(POST.class))
                .toList();
        assertThat(posts).hasSizeGreaterThanOrEqualTo(6);
        for (Method post : posts) {
            assertThat(Arrays.stream(post.getParameters())
                            .map(p -> p.isAnnotationPresent(FormParam.class)
                                    ? p.getAnnotation(FormParam.class).value()
                                    : p.isAnnotationPresent(RestForm.class)
                                            ? p.getAnnotation(RestForm.class).value()
                                            : null)
                            .filter(f -> f != null))
                    .as(post.getName() + " takes the form's csrf token")
                    .contains("csrf");
        }
    }

    @Test
    void theCustomersUrgencyProposesTheSeverityOfAnIncidentAndAServiceRequestIsSev4() {
        assertThat(CustomerPages.proposedSeverity("INCIDENT", "CRITICAL")).isEqualTo("SEV1");
        assertThat(CustomerPages.proposedSeverity("INCIDENT", "SERIOUS")).isEqualTo("SEV2");
        assertThat(CustomerPages.proposedSeverity("INCIDENT", "LOW")).isEqualTo("SEV3");
        assertThat(CustomerPages.proposedSeverity("INCIDENT", "NONE")).isEqualTo("SEV3");
        assertThat(CustomerPages.proposedSeverity("SERVICE_REQUEST", "CRITICAL"))
                .isEqualTo("SEV4");
    }

    @Test
    void aCsrfTokenBelongsToOneSessionOfOneUser() {
        Csrf csrf = new Csrf("test-key");
        String token = csrf.token("carla.acme", "1764000000");
        assertThat(csrf.valid(token, "carla.acme", "1764000000")).isTrue();
        assertThat(csrf.valid(token, "carl.globex", "1764000000"))
                .as("another user")
                .isFalse();
        assertThat(csrf.valid(token, "carla.acme", "1764009999"))
                .as("a later sign-in")
                .isFalse();
        assertThat(csrf.valid(null, "carla.acme", "1764000000")).isFalse();
        assertThat(new Csrf("other-key").valid(token, "carla.acme", "1764000000"))
                .as("another installation's key")
                .isFalse();
    }

    @Test
    void theFiltersCoverEveryStateOfTheReadModel() {
        assertThat(String.join(",", CustomerPages.FILTERS.values()).split(","))
                .contains("OPEN", "ACKNOWLEDGED", "ON_HOLD", "RESOLVED", "CLOSED");
    }

    @Test
    void computedLabelsComeFromTheBundleAndAnUnknownValueFallsBack() {
        // a bundle whose every label is its own key: enough to see which one was chosen
        Msg keys = (Msg) java.lang.reflect.Proxy.newProxyInstance(
                Msg.class.getClassLoader(), new Class<?>[] {Msg.class}, (proxy, method, args) -> method.getName());
        assertThat(CustomerPages.filterLabel(keys, "waiting")).isEqualTo("filter_waiting");
        assertThat(CustomerPages.stateLabel(keys, "ON_HOLD")).isEqualTo("state_WAITING");
        assertThat(CustomerPages.kindLabel(keys, "SERVICE_REQUEST")).isEqualTo("kind_SERVICE_REQUEST");
        assertThat(CustomerPages.urgencyLabel(keys, "CRITICAL")).isEqualTo("urgency_CRITICAL");
        assertThat(CustomerPages.urgencyLabel(keys, "EXTREME"))
                .as("a value added since")
                .isEqualTo("not_given");
        assertThat(CustomerPages.kindLabel(keys, "CHANGE")).isEqualTo("kind_INCIDENT");
        assertThat(CustomerPages.emptyText(keys, "closed")).isEqualTo("empty_closed");
    }
}
