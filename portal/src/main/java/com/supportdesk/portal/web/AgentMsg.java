package com.supportdesk.portal.web;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The agent workspace's labels, in English here and in {@code messages/agent_<lang>.properties} for the other support
 * languages; {@code MessageBundlesTest} fails on a key missing in any of them. Templates read them as {@code {agent:key}}.
 */
@MessageBundle(value = "agent", locale = "en")
public interface AgentMsg {
    @Message("Agent workspace")
    String app_name_agent();

    @Message("Work queue")
    String nav_queue();

    @Message("Canned replies")
    String nav_replies();

    @Message("The agent workspace is for support staff")
    String not_staff_title();

    @Message("You are signed in as a customer or a partner. Your tickets are in the customer space.")
    String not_staff_text();

    @Message("{n} stars")
    String stars(int n);

    @Message("All levels")
    String level_all();

    @Message("{level}")
    String level_name(String level);

    @Message("Work queue")
    String queue_title();

    @Message("Tickets waiting for support at every level, in the order to take them")
    String queue_caption_all();

    @Message("Tickets waiting for support at {level}, in the order to take them")
    String queue_caption(String level);

    @Message("{n} waiting")
    String queue_waiting(long n);

    @Message("Nothing is waiting: every open ticket is answered, on hold or resolved.")
    String queue_empty();

    @Message("Keys: j and k move down and up the list, Enter opens the ticket, / goes to the search.")
    String queue_keys();

    @Message("{handling}, {stars}-star plan, {severity}, customer urgency {urgency}, opened {opened}")
    String why(String handling, int stars, String severity, String urgency, String opened);

    @Message("escalated")
    String why_escalated();

    @Message("priority")
    String why_priority();

    @Message("standard handling")
    String why_standard();

    @Message("Find a ticket")
    String search_label();

    @Message("Search")
    String nav_search();

    @Message("Search tickets")
    String key_search();

    @Message(
            "Words of its title, description or messages, or its reference. \"Quotes\" for a phrase, -word to leave a word out.")
    String search_hint();

    @Message("Search")
    String search_button();

    @Message("Search")
    String search_title();

    @Message("Tickets matching “{q}”, best match first")
    String search_caption(String q);

    @Message("No ticket matches “{q}”. Try other or fewer words.")
    String search_none(String q);

    @Message("More results")
    String search_more();

    @Message("First results")
    String search_first();

    @Message("#")
    String col_position();

    @Message("Ticket")
    String col_ticket();

    @Message("Account")
    String col_account();

    @Message("Severity")
    String col_severity();

    @Message("Urgency")
    String col_urgency();

    @Message("State")
    String col_state();

    @Message("Level")
    String col_level();

    @Message("Clock")
    String col_clock();

    @Message("Time left")
    String col_left();

    @Message("Why here")
    String col_why();

    @Message("Priority")
    String badge_priority();

    @Message("Escalated")
    String badge_escalated();

    @Message("Non-standard")
    String badge_non_standard();

    @Message("Priority requested")
    String badge_priority_requested();

    @Message("{days} d {hours} h")
    String duration_days(long days, long hours);

    @Message("{hours} h {minutes} min")
    String duration_hours(long hours, long minutes);

    @Message("{duration} overdue")
    String overdue(String duration);

    @Message("Sev {n}")
    String severity(String n);

    @Message("not given")
    String not_given();

    @Message("more than an hour left")
    String band_ok();

    @Message("less than an hour left")
    String band_warning();

    @Message("less than 30 minutes left")
    String band_critical();

    @Message("breached, still counting")
    String band_breached();

    @Message("paused")
    String band_paused();

    @Message("met")
    String band_met();

    @Message("Open, not acknowledged")
    String status_OPEN();

    @Message("In progress")
    String status_IN_PROGRESS();

    @Message("On hold, waiting for the customer")
    String status_WAITING_ON_CUSTOMER();

    @Message("Resolved, waiting for confirmation")
    String status_RESOLVED();

    @Message("Closed")
    String status_CLOSED();

    @Message("None")
    String urgency_NONE();

    @Message("Low")
    String urgency_LOW();

    @Message("Serious")
    String urgency_SERIOUS();

    @Message("Critical")
    String urgency_CRITICAL();

    @Message("Response")
    String clock_RESPONSE();

    @Message("Resolution")
    String clock_RESOLUTION();

    @Message("Follow-up")
    String clock_FOLLOW_UP();

    @Message("strategic account manager")
    String target_STRATEGIC_ACCOUNT_MANAGER();

    @Message("critical situation manager")
    String target_CRITICAL_SITUATION_MANAGER();

    @Message("senior management")
    String target_SENIOR_MANAGEMENT();

    @Message("support management")
    String target_SUPPORT_MANAGEMENT();

    @Message("Fixed")
    String resolution_FIXED();

    @Message("Workaround")
    String resolution_WORKAROUND();

    @Message("Answered")
    String resolution_ANSWERED();

    @Message("Enhancement request")
    String resolution_ENHANCEMENT_REQUEST();

    @Message("No fault found")
    String resolution_NO_FAULT_FOUND();

    @Message("Duplicate")
    String resolution_DUPLICATE();

    @Message("Opened as {severity}")
    String ev_opened(String severity);

    @Message("Acknowledged")
    String ev_acknowledged();

    @Message("Message from the customer")
    String ev_message_customer();

    @Message("Reply to the customer")
    String ev_message_support();

    @Message("Internal note")
    String ev_note();

    @Message("Severity {from} → {to}")
    String ev_reclassified(String from, String to);

    @Message("Transferred to {level}")
    String ev_transferred(String level);

    @Message("Escalated to the {target}")
    String ev_escalated(String target);

    @Message("Put on hold")
    String ev_on_hold();

    @Message("Resumed")
    String ev_resumed();

    @Message("Flagged non-standard")
    String ev_non_standard();

    @Message("Back within the standard scope")
    String ev_standard();

    @Message("Priority handling requested")
    String ev_priority_requested();

    @Message("Priority handling granted")
    String ev_priority_granted();

    @Message("Priority handling refused")
    String ev_priority_refused();

    @Message("Severity review requested: {severity}")
    String ev_review_requested(String severity);

    @Message("Resolved ({resolution})")
    String ev_resolved(String resolution);

    @Message("Resolution rejected")
    String ev_rejected();

    @Message("Closed")
    String ev_closed();

    @Message("{clock} clock started, due {deadline}")
    String ev_clock_started(String clock, String deadline);

    @Message("{clock} clock paused")
    String ev_clock_paused(String clock);

    @Message("{clock} clock resumed")
    String ev_clock_resumed(String clock);

    @Message("{clock} clock warning")
    String ev_clock_warning(String clock);

    @Message("{clock} target breached")
    String ev_clock_breached(String clock);

    @Message("{clock} target met")
    String ev_clock_met(String clock);

    @Message("{clock} target missed")
    String ev_clock_missed(String clock);

    @Message("{clock} clock re-targeted, now due {deadline} ({reason})")
    String ev_clock_retargeted(String clock, String deadline, String reason);

    @Message("Escalation decision: {action} ({rule})")
    String ev_decided(String action, String rule);

    @Message("{channel} sent: {kind}")
    String ev_mail_sent(String channel, String kind);

    @Message("{channel} failed: {kind}")
    String ev_mail_failed(String channel, String kind);

    @Message("Someone changed this ticket while you were on it")
    String conflict_title();

    @Message(
            "Nothing was sent: the ticket changed after you opened it. Read what changed, then send your action again on the current version, or leave it.")
    String conflict_text();

    @Message("Your action is filled in again below; sending it now applies it to the ticket as it is.")
    String conflict_redo();

    @Message("{who}: {what}, {when}")
    String change_by(String who, String what, String when);

    @Message("Ticket")
    String ticket_title();

    @Message("Account")
    String field_account();

    @Message("Plan")
    String field_plan();

    @Message("Region")
    String field_region();

    @Message("local time {time}")
    String region_time(String time);

    @Message("support hours open now")
    String support_open();

    @Message("outside support hours now")
    String support_closed();

    @Message("Kind")
    String field_kind();

    @Message("Severity")
    String field_severity();

    @Message("Urgency")
    String field_urgency();

    @Message("State")
    String field_state();

    @Message("Level")
    String field_level();

    @Message("Opened")
    String field_opened();

    @Message("Scope")
    String field_scope();

    @Message("Escalated to")
    String field_escalations();

    @Message("{when} by {who}")
    String opened_by(String when, String who);

    @Message("Service level clocks")
    String clocks_title();

    @Message("No clock yet: sla-service has not seen this ticket or its account.")
    String clocks_none();

    @Message("target {target}")
    String clock_target(String target);

    @Message("due {deadline}")
    String clock_deadline(String deadline);

    @Message("left")
    String clock_left();

    @Message("Timeline")
    String timeline_title();

    @Message("by {who}")
    String timeline_by(String who);

    @Message("Description")
    String description_title();

    @Message("Solution")
    String solution_title();

    @Message("Who else is here")
    String presence_label();

    @Message("Nobody else has this ticket open.")
    String presence_alone();

    @Message("Also on this ticket:")
    String presence_others();

    @Message("typing a reply…")
    String presence_typing();

    @Message("Actions")
    String actions_title();

    @Message("Acknowledge")
    String action_acknowledge();

    @Message("Reply to the customer")
    String action_reply();

    @Message("The customer reads it in their space and by e-mail.")
    String reply_help();

    @Message("Canned reply")
    String canned_label();

    @Message("Insert")
    String canned_insert();

    @Message("Choose a canned reply…")
    String canned_choose();

    @Message("Internal note")
    String action_note();

    @Message("Only the vendor's people see it: never the customer, never their e-mail.")
    String note_help();

    @Message("Reclassify")
    String action_reclassify();

    @Message("New severity")
    String severity_label();

    @Message("Transfer")
    String action_transfer();

    @Message("To level")
    String level_label();

    @Message("Put on hold")
    String action_hold();

    @Message("Resume")
    String action_resume();

    @Message("Scope")
    String action_scope();

    @Message("Flag as non-standard (billable on request)")
    String scope_non_standard();

    @Message("Back within the standard scope")
    String scope_standard();

    @Message("Priority handling")
    String action_priority();

    @Message("Grant")
    String action_grant();

    @Message("Refuse")
    String action_refuse();

    @Message("Escalate")
    String action_escalate();

    @Message("Escalate to")
    String target_label();

    @Message("Resolve")
    String action_resolve();

    @Message("Resolution")
    String resolution_label();

    @Message("Solution (the customer reads it)")
    String summary_label();

    @Message("Close")
    String action_close();

    @Message("Reason")
    String reason_label();

    @Message("Reason (optional)")
    String reason_optional();

    @Message("Text")
    String text_label();

    @Message("Files")
    String files_label();

    @Message("Send")
    String send();

    @Message("Keyboard shortcuts (?)")
    String shortcuts_title();

    @Message("back to the work queue")
    String key_queue();

    @Message("show or hide these shortcuts")
    String key_help();

    @Message("acknowledge")
    String key_acknowledge();

    @Message("write a reply")
    String key_reply();

    @Message("write an internal note")
    String key_note();

    @Message("reclassify the severity")
    String key_reclassify();

    @Message("transfer to a level")
    String key_transfer();

    @Message("put on hold or resume")
    String key_hold();

    @Message("scope flag")
    String key_scope();

    @Message("grant or refuse priority handling")
    String key_priority();

    @Message("escalate")
    String key_escalate();

    @Message("resolve")
    String key_resolve();

    @Message("close")
    String key_close();

    @Message("Canned replies")
    String replies_title();

    @Message(
            "Reply templates for the service desk, one text per language (English is required). Placeholders: {placeholders}.")
    String replies_help(String placeholders);

    @Message("No canned reply yet.")
    String replies_none();

    @Message("Short name (letters, digits, dashes)")
    String reply_id();

    @Message("Title")
    String reply_title();

    @Message("Text in {language}")
    String reply_text(String language);

    @Message("Save")
    String reply_save();

    @Message("Delete")
    String reply_delete();

    @Message("New canned reply")
    String reply_new();

    @Message("changed {when} by {who}")
    String reply_changed(String when, String who);

    @Message("E-mail")
    String channel_EMAIL();

    @Message("Webhook")
    String channel_WEBHOOK();

    @Message("receipt")
    String kind_RECEIPT();

    @Message("change of state")
    String kind_STATUS_CHANGE();

    @Message("message")
    String kind_MESSAGE();

    @Message("escalation")
    String kind_ESCALATION();

    @Message("breached target")
    String kind_BREACH();

    @Message("outage notice")
    String kind_OUTAGE();

    @Message("maintenance notice")
    String kind_MAINTENANCE();

    @Message("event")
    String kind_EVENT();

    @Message("monthly report")
    String kind_MONTHLY_REPORT();
}
