package com.supportdesk.portal.api;

/**
 * The API refused a call: its status, the field its problem document names (if any) and its detail, in the service's
 * words. Pages show the detail beside the field; a 404 is "not found" whoever's ticket it is (tenancy).
 */
public class ApiProblem extends RuntimeException {
    private final int status;
    private final String field;
    private final String detail;
    private final String code;

    public ApiProblem(int status, String field, String detail) {
        this(status, field, detail, null);
    }

    public ApiProblem(int status, String field, String detail, String code) {
        super(status + (field == null ? "" : " " + field) + (detail == null ? "" : ": " + detail));
        this.status = status;
        this.field = field;
        this.detail = detail;
        this.code = code;
    }

    /** The problem's {@code code} (e.g. {@code concurrent-change}: the ticket moved on since it was read). */
    public String code() {
        return code;
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
