package com.supportdesk.portal.web;

import java.util.List;
import java.util.Map;

/** The data of the agent workspace's templates (type-checked by Qute). */
public final class AgentViews {
    private AgentViews() {}

    /** A line of the work queue. {@code band} is the colour of the time left: ok, warning, critical, breached. */
    public record QueueRow(
            String id,
            int position,
            String reference,
            String title,
            String account,
            String stars,
            String starsLabel,
            String severity,
            String urgency,
            String state,
            String level,
            boolean priority,
            boolean escalated,
            boolean nonStandard,
            String clock,
            String left,
            String band,
            String why) {}

    /** A search's page: its words, the hits in rank order, the next page's and the first page's links. */
    public record SearchPage(String query, String caption, List<SearchRow> rows, String moreHref, String firstHref) {}

    public record SearchRow(
            String id,
            String reference,
            String title,
            String account,
            String severity,
            String state,
            String level,
            String opened,
            boolean priority,
            boolean escalated) {}

    public record QueuePage(
            List<Views.Choice> levels, String caption, List<QueueRow> rows, long waiting, String liveHref) {}

    /** One SLA clock with its live countdown: {@code seconds} left now, counting down while {@code running}. */
    public record Clock(
            String name,
            String status,
            String target,
            String deadline,
            long seconds,
            boolean running,
            String band,
            String bandLabel,
            String left) {}

    /** An entry of the merged timeline; {@code kind} styles it (ticket, note, message, sla, escalation, mail). */
    public record Entry(String at, String kind, String title, String by, String detail, List<Views.FileLink> files) {}

    /** Someone else on the ticket's page. */
    public record Present(String name, boolean typing) {}

    /** A canned reply ready to insert: its placeholders filled in for this ticket, in the account's language. */
    public record Canned(String id, String title, String text) {}

    /** What changed on the ticket since the version an action was sent against. */
    public record Conflict(String action, List<String> changes) {}

    /** The ticket as the agent workspace shows it. */
    public record AgentTicket(
            String id,
            String reference,
            String title,
            String accountId,
            String accountName,
            String stars,
            String starsLabel,
            String region,
            String regionTime,
            Boolean supportOpen,
            String kind,
            String severity,
            String severityCode,
            String urgency,
            String status,
            String state,
            String level,
            boolean nonStandard,
            String scopeReason,
            boolean priority,
            boolean priorityRequested,
            List<String> escalations,
            String opened,
            String openedBy,
            String description,
            List<Views.FileLink> attachments,
            String solution,
            List<Clock> clocks,
            List<Entry> timeline,
            List<Present> present,
            List<Canned> canned,
            String version,
            String newMessageId,
            String newNoteId,
            String liveHref,
            String presenceHref,
            String filesHint,
            Map<String, String> drafts,
            Conflict conflict,
            String errorAction,
            String errorText) {

        public boolean open() {
            return !"RESOLVED".equals(status) && !"CLOSED".equals(status);
        }

        public boolean closed() {
            return "CLOSED".equals(status);
        }

        public boolean resolved() {
            return "RESOLVED".equals(status);
        }

        public boolean onHold() {
            return "WAITING_ON_CUSTOMER".equals(status);
        }

        public boolean mayAcknowledge() {
            return "OPEN".equals(status);
        }

        /** What the person had written in a field of an action's form, to show it again. */
        public String draft(String key) {
            return drafts.getOrDefault(key, "");
        }

        public boolean errorOn(String action) {
            return errorText != null && action.equals(errorAction);
        }

        /** The priority form sends either decision: a refusal of either is shown on it. */
        public boolean errorOnPriority() {
            return errorOn("grant") || errorOn("refuse");
        }

        public List<String> severities() {
            return AgentPages.SEVERITIES;
        }

        public List<String> levels() {
            return AgentPages.LEVELS;
        }

        /** The severity the reclassify form offers first: the one the agent chose, else the ticket's own. */
        public String chosenSeverity() {
            String chosen = draft("reclassify.severity");
            return chosen.isEmpty() ? severityCode : chosen;
        }
    }

    /** The administrators' page of canned replies. */
    public record RepliesPage(List<Reply> replies, List<String> languages, String errorId, String errorText) {
        public String placeholders() {
            return "{customerName}, {reference}, {nextDeadline}, {agentName}";
        }
    }

    public record Reply(String id, String title, Map<String, String> bodies, String version, String changed) {
        public String body(String language) {
            return bodies.getOrDefault(language, "");
        }
    }
}
