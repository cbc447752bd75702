package com.supportdesk.ticket.command;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;

/**
 * Collects the events a command applies, on the thread that sends it (the command bus runs the handler there), so
 * that the command's answer is folded from what was just appended instead of reading the stream again. What is
 * collected counts only once the command returned normally: its unit of work committed.
 */
public final class AppliedEvents implements MessageDispatchInterceptor<EventMessage<?>> {
    private static final ThreadLocal<List<DomainEventMessage<?>>> CURRENT = new ThreadLocal<>();

    static void begin() {
        CURRENT.set(new ArrayList<>());
    }

    /** What the command on this thread applied, in order; collecting stops. */
    static List<DomainEventMessage<?>> end() {
        List<DomainEventMessage<?>> applied = CURRENT.get();
        CURRENT.remove();
        return applied == null ? List.of() : applied;
    }

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        List<DomainEventMessage<?>> applied = CURRENT.get();
        if (applied != null) {
            for (EventMessage<?> m : messages) {
                if (m instanceof DomainEventMessage<?> d) {
                    applied.add(d);
                }
            }
        }
        return (i, m) -> m;
    }
}
