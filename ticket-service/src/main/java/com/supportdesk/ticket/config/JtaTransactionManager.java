package com.supportdesk.ticket.config;

import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;

/**
 * Bridges Axon's unit of work to the JTA transaction of Quarkus (Narayana), so that appending events, recording a
 * processed command id and moving a tracking token each commit together with the rest of that unit of work.
 * Joins a transaction that is already running; only the one that began it commits or rolls back.
 */
public final class JtaTransactionManager implements TransactionManager {

    private final jakarta.transaction.TransactionManager jta;

    public JtaTransactionManager(jakarta.transaction.TransactionManager jta) {
        this.jta = jta;
    }

    /**
     * This manager for the event storage engine: a read outside any running transaction (the relay's fetches of new
     * events, about one for every two commands, and its gap checks) runs as a single auto-committed query instead of
     * in a JTA transaction of its own, which cost a {@code BEGIN}, a {@code COMMIT} and Narayana's bookkeeping each
     * (issue 32). Appends, and reads inside a unit of work (an aggregate loaded for a command), join the running
     * transaction exactly as before.
     */
    public TransactionManager readingOutsideTransactions() {
        return new TransactionManager() {
            @Override
            public Transaction startTransaction() {
                return JtaTransactionManager.this.startTransaction();
            }

            @Override
            public <T> T fetchInTransaction(java.util.function.Supplier<T> read) {
                if (!running()) {
                    return read.get();
                }
                return TransactionManager.super.fetchInTransaction(read);
            }
        };
    }

    private boolean running() {
        try {
            return jta.getStatus() != Status.STATUS_NO_TRANSACTION;
        } catch (SystemException e) {
            throw new IllegalStateException("Cannot read the transaction's status", e);
        }
    }

    @Override
    public Transaction startTransaction() {
        try {
            boolean owner = jta.getStatus() == Status.STATUS_NO_TRANSACTION;
            if (owner) {
                jta.begin();
            }
            return new Transaction() {
                @Override
                public void commit() {
                    if (!owner) {
                        return;
                    }
                    try {
                        if (jta.getStatus() == Status.STATUS_MARKED_ROLLBACK) {
                            jta.rollback();
                            throw new IllegalStateException("Transaction was marked for rollback");
                        }
                        jta.commit();
                    } catch (IllegalStateException e) {
                        throw e;
                    } catch (Exception e) {
                        throw new IllegalStateException("Commit failed", e);
                    }
                }

                @Override
                public void rollback() {
                    try {
                        if (owner) {
                            jta.rollback();
                        } else if (jta.getStatus() == Status.STATUS_ACTIVE) {
                            jta.setRollbackOnly();
                        }
                    } catch (SystemException e) {
                        throw new IllegalStateException("Rollback failed", e);
                    }
                }
            };
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start a transaction", e);
        }
    }
}
