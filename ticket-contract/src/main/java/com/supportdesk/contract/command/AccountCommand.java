package com.supportdesk.contract.command;

public interface AccountCommand extends Command {
    String accountId();

    @Override
    default String targetId() {
        return accountId();
    }
}
