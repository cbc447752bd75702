package com.supportdesk.contract.command;

public interface OutageCommand extends Command {
    String outageId();

    @Override
    default String targetId() {
        return outageId();
    }
}
