package com.supportdesk.portal.api;

/**
 * The API refused a call: its status, the field its problem document names (if any) and its detail, in the service's
 * words. Pages show the detail beside the field; a 404 is "not found" whoever's ticket it is (tenancy).
 */
public class ApiProblem extends RuntimeException {
    private final int status;
    private final String field;
    private final String detail;

    public ApiProblem(int status, String field, String detail) {
        super(status + (field == null ? "" : " " + field) + (detail == null ? "" : ": " + detail));
        this.status = status;
        this.field = field;
        this.detail = detail;
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }

    public String detail() {
        return detail;
    }
}
