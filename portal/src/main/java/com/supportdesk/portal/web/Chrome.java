package com.supportdesk.portal.web;

/** What every page's frame shows: its language, who is signed in, their zone, the session's form token. */
public record Chrome(
        String lang,
        String userName,
        String zone,
        String csrf,
        boolean contact,
        String section,
        boolean staff,
        boolean admin) {
    static Chrome of(Visit visit, String section) {
        var roles = visit.person().roles();
        return new Chrome(
                visit.locale().toLanguageTag(),
                visit.person().name(),
                visit.zone().getId(),
                visit.csrfToken(),
                visit.person().isContact(),
                section,
                !visit.person().isCustomerSide() && roles.stream().anyMatch(AgentPages.STAFF::contains),
                roles.contains("admin"));
    }
}
