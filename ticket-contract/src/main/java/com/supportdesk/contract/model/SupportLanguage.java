package com.supportdesk.contract.model;

/** Support languages (ISO 639-1). L2 and L3 work in English only. */
public enum SupportLanguage {
    EN,
    FR,
    DE,
    ES,
    PT,
    ZH
}
