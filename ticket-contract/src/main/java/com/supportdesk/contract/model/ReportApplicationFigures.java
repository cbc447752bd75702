package com.supportdesk.contract.model;

import com.supportdesk.contract.Description;
import com.supportdesk.contract.OptionalField;

@Description("One application's line of a monthly service level report: availability after planned maintenance.")
public record ReportApplicationFigures(
        String application,

        @OptionalField @Description("Percent of the month available, planned maintenance excepted.")
        Double availabilityPercent,

        @Description("Unplanned outages in the month (outside support hours too).")
        int unplannedOutages,

        @Description("Their minutes within the month.") long unplannedOutageMinutes,

        @Description("Minutes of planned maintenance within the month.")
        long plannedMaintenanceMinutes) {}
