package com.supportdesk.contract.model;

import com.supportdesk.contract.Description;
import com.supportdesk.contract.MaxLength;
import com.supportdesk.contract.OptionalField;

@Description("A named person: a designated support contact or a strategic account manager.")
public record Contact(
        @Description("Identity-provider user id (Keycloak username).") @MaxLength(100)
        String userId,

        @MaxLength(200) String name,
        @MaxLength(254) String email,
        @OptionalField @MaxLength(50) String phone) {}
