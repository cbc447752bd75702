package com.supportdesk.portal.web;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Every label of the portal's pages, in English here and in {@code messages/msg_<lang>.properties} for the other
 * support languages (FR, DE, ES, PT, ZH); {@code MessageBundlesTest} fails on a key missing in any of them. Templates
 * read them as {@code {msg:key}}.
 */
@MessageBundle(value = "msg", locale = "en")
public interface Msg {
    @Message("Customer space")
    String app_name();

    @Message("Skip to content")
    String skip_to_content();

    @Message("Customer space menu")
    String nav_label();

    @Message("My tickets")
    String nav_my_tickets();

    @Message("New ticket")
    String nav_new_ticket();

    @Message("Sign out")
    String sign_out();

    @Message("Signed in as {name}")
    String signed_in_as(String name);

    @Message("Times in {zone}")
    String time_zone(String zone);

    @Message("All tickets of my account")
    String list_title_account();

    @Message("Whose tickets")
    String scope_label();

    @Message("Mine")
    String scope_mine();

    @Message("All of my account's")
    String scope_account();

    @Message("Show")
    String filter_label();

    @Message("Open")
    String filter_open();

    @Message("Waiting for me")
    String filter_waiting();

    @Message("Resolved")
    String filter_resolved();

    @Message("Closed")
    String filter_closed();

    @Message("Tickets: {filter}, newest first")
    String list_caption(String filter);

    @Message("Reference")
    String col_reference();

    @Message("Subject")
    String col_title();

    @Message("Kind")
    String col_kind();

    @Message("State")
    String col_state();

    @Message("Last change")
    String col_changed();

    @Message("Incident")
    String kind_INCIDENT();

    @Message("Service request")
    String kind_SERVICE_REQUEST();

    @Message("Received")
    String state_OPEN();

    @Message("In progress")
    String state_IN_PROGRESS();

    @Message("Waiting for you")
    String state_WAITING();

    @Message("Resolved, to confirm")
    String state_RESOLVED();

    @Message("Closed")
    String state_CLOSED();

    @Message("You have not opened any ticket yet.")
    String empty_none();

    @Message("You have no open tickets.")
    String empty_open();

    @Message("Nothing is waiting for you.")
    String empty_waiting();

    @Message("You have no resolved tickets to confirm.")
    String empty_resolved();

    @Message("You have no closed tickets.")
    String empty_closed();

    @Message("Your other tickets:")
    String empty_elsewhere_intro();

    @Message("{count} under {filter}")
    String empty_elsewhere(long count, String filter);

    @Message("Older tickets")
    String older();

    @Message("Search your tickets")
    String search_label();

    @Message("Words of the title, the description or a message, or a reference")
    String search_hint();

    @Message("Search")
    String search_button();

    @Message("Tickets matching “{q}”, in every state, best match first")
    String search_caption(String q);

    @Message("No ticket matches “{q}” here. Try other or fewer words, or look in all your tickets.")
    String search_none(String q);

    @Message("Clear the search")
    String search_clear();

    @Message("More results")
    String search_more();

    @Message("Back to the newest")
    String newest();

    @Message("Open a ticket")
    String new_title();

    @Message("What do you need?")
    String new_kind();

    @Message("An unexpected interruption of a service, or a disruption that affects the normal use of the products.")
    String new_incident_help();

    @Message(
            "A specific request: a change, a setting, an improvement, help with daily use, a reminder of good practice.")
    String new_request_help();

    @Message("Application")
    String new_application();

    @Message("Not listed, or not sure")
    String new_application_any();

    @Message("Subject")
    String new_subject();

    @Message("In a few words, e.g. “cannot log in”, “data import fails”.")
    String new_subject_help();

    @Message("Description")
    String new_description();

    @Message("What happened, what you expected, and the steps to see it again.")
    String new_description_help();

    @Message("Urgency (incidents only)")
    String new_urgency();

    @Message("Support confirms the severity when it takes the ticket in hand.")
    String new_urgency_help();

    @Message("None")
    String urgency_NONE();

    @Message("Low")
    String urgency_LOW();

    @Message("Serious")
    String urgency_SERIOUS();

    @Message("Critical")
    String urgency_CRITICAL();

    @Message("Follow-up of {reference}")
    String new_follow_up(String reference);

    @Message("Send")
    String new_submit();

    @Message("required")
    String required();

    @Message("Your ticket is registered")
    String opened_title();

    @Message("Its reference is {reference}. Quote it whenever you contact us about it.")
    String opened_reference(String reference);

    @Message("See the ticket")
    String opened_view();

    @Message("Reference")
    String field_reference();

    @Message("State")
    String field_state();

    @Message("Kind")
    String field_kind();

    @Message("Severity (set by support)")
    String field_severity();

    @Message("Severity {level}")
    String severity(String level);

    @Message("Your urgency")
    String field_urgency();

    @Message("Application")
    String field_application();

    @Message("Opened")
    String field_opened();

    @Message("Follow-up of")
    String field_follow_up_of();

    @Message("not given")
    String not_given();

    @Message("Service level")
    String sla_title();

    @Message("We will answer by {when} (your time).")
    String sla_answer_by(String when);

    @Message("We will answer within the time your support plan sets.")
    String sla_answer_soon();

    @Message("Answered on {when}.")
    String sla_answered(String when);

    @Message("Paused while we wait for you.")
    String sla_paused();

    @Message("Resolved on {when}. Please confirm the solution, or tell us what is still wrong.")
    String sla_resolved(String when);

    @Message("Closed on {when}.")
    String sla_closed(String when);

    @Message("Your description")
    String description_title();

    @Message("Solution")
    String solution_title();

    @Message("Conversation")
    String conversation_title();

    @Message("No messages yet.")
    String conversation_empty();

    @Message("You")
    String from_you();

    @Message("Support")
    String from_support();

    @Message("Write to support")
    String message_label();

    @Message("Support reads every message until the ticket is resolved.")
    String message_help();

    @Message("Send the message")
    String message_send();

    @Message("Is the problem solved?")
    String resolved_question();

    @Message("Yes, close the ticket")
    String confirm();

    @Message("What is still wrong?")
    String reject_reason();

    @Message("No, reopen it")
    String reject();

    @Message("Open a new ticket about this")
    String follow_up();

    @Message("This ticket is closed: it accepts no new message. Open a new ticket, which recalls this one.")
    String closed_note();

    @Message("Priority handling")
    String priority_title();

    @Message("As a designated contact you may ask for this ticket to be handled with priority, during support hours.")
    String priority_help();

    @Message("Why (business impact)")
    String priority_reason();

    @Message("Request priority handling")
    String priority_request();

    @Message("This ticket is handled with priority.")
    String priority_on();

    @Message("Priority handling requested; support will decide.")
    String priority_requested();

    @Message("Please check the form")
    String error_title();

    @Message(
            "The ticket changed while you were reading it. Here it is as it is now: please look again, and repeat your action if it still applies.")
    String error_changed();

    @Message("Your form had expired. Please send it again.")
    String error_session();

    @Message("The service is not answering right now. What you wrote is kept below: please try again in a minute.")
    String error_unavailable();

    @Message("Ticket not found")
    String not_found_title();

    @Message(
            "There is no ticket at this address among your account's tickets. Check the link, or find the ticket in your list.")
    String not_found_text();

    @Message("This space is for customers")
    String not_customer_title();

    @Message("You are signed in without a client account. Support staff work tickets in the agent workspace.")
    String not_customer_text();

    @Message("Please try again in a minute")
    String unavailable_title();

    @Message("Details")
    String ticket_details();

    @Message("Attach files")
    String files_label();

    @Message(
            "Screenshots, logs or documents: up to {count} files of at most {size} MB each (images, PDF, text and logs, office documents, zip). You can also drop them on the field.")
    String files_limits(long count, long size);

    @Message("Please choose your files again: the browser does not keep them after an error.")
    String files_again();

    @Message("At most {count} files can be attached at once.")
    String files_too_many(long count);

    @Message("Attached files")
    String files_attached();

    @Message("{size} KB")
    String file_size_kb(long size);

    @Message("{name} is larger than {size} MB, the most a file may have.")
    String file_too_large(String name, long size);

    @Message("Your message")
    String message_body_label();

    @Message("Outage notices")
    String nav_account();

    @Message("Who is told about outages")
    String account_title();

    @Message("E-mail addresses told about unplanned outages and planned maintenance")
    String outage_list_label();

    @Message("One address per line. The designated contacts are always told; these addresses are told as well.")
    String outage_list_help();

    @Message("Save the list")
    String outage_list_save();

    @Message("Saved: {count} addresses are told about outages.")
    String outage_list_saved(long count);

    @Message("Only the designated contacts of an account manage its outage notices.")
    String contacts_only();

    @Message("Line {line} (“{text}”) is not an e-mail address.")
    String outage_list_bad_line(long line, String text);
}
