package com.supportdesk.escalation.rules;

import com.supportdesk.contract.model.EscalationAction;
import com.supportdesk.contract.model.EscalationTarget;
import com.supportdesk.contract.model.SupportLevel;

/**
 * One decision of one rule. {@code key} identifies it: the same key is never acted on twice, so a redelivered
 * event or a timer that fires again changes nothing.
 */
public record Decision(
        String rule,
        EscalationAction action,
        EscalationTarget target,
        SupportLevel toLevel,
        String reason,
        String notifies,
        String key) {

    static Decision escalate(String rule, EscalationTarget target, String reason, String notifies, String key) {
        return new Decision(rule, EscalationAction.ESCALATE, target, null, reason, notifies, key);
    }
}
