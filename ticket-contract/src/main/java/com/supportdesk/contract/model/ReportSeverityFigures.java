package com.supportdesk.contract.model;

import com.supportdesk.contract.Description;
import com.supportdesk.contract.OptionalField;

@Description("One severity's line of a monthly service level report.")
public record ReportSeverityFigures(
        Severity severity,

        @Description("Tickets of this severity opened in the month.")
        int opened,

        @Description("Of them, those whose response clock stopped (acknowledged, or missed).")
        int responseMeasured,

        @Description("Of those, acknowledged within the response target.")
        int respondedInTime,

        @OptionalField @Description("respondedInTime / responseMeasured in percent; absent when none was measured.")
        Double responsePercent,

        @OptionalField @Description("Whether the 90 % response objective was met; absent when none was measured.")
        Boolean objectiveMet,

        @Description("Tickets whose resolution clock stopped.")
        int resolutionMeasured,

        @Description("Of them, resolved within the resolution objective.")
        int resolvedInTime) {}
