package com.supportdesk.notification.mail;

import com.supportdesk.contract.event.ReportIssued;
import com.supportdesk.contract.model.ReportApplicationFigures;
import com.supportdesk.contract.model.ReportSeverityFigures;
import com.supportdesk.contract.model.SupportLanguage;
import java.util.EnumMap;
import java.util.Map;

/**
 * The monthly service level report as an e-mail in the account's language: a subject, a plain-text part, an HTML part
 * with the figures, and the CSV as an attachment. Pure: the issued report in, the parts out.
 */
public final class ReportMail {
    /** The e-mail's parts. */
    public record Parts(String subject, String text, String html, String csvName, String csv) {}

    private record Words(
            String subject,
            String hello,
            String intro,
            String opened,
            String nonStandard,
            String severity,
            String acknowledgedInTime,
            String objective,
            String met,
            String missed,
            String resolvedInTime,
            String application,
            String availability,
            String outages,
            String outageMinutes,
            String attached,
            String resend,
            String signature) {}

    private static final Map<SupportLanguage, Words> WORDS = new EnumMap<>(SupportLanguage.class);

    static {
        WORDS.put(
                SupportLanguage.EN,
                new Words(
                        "Monthly service level report %s — %s",
                        "Hello,",
                        "Here is the service level report of %s for %s (times in %s).",
                        "Tickets opened",
                        "Non-standard requests (outside the standard scope, billable on request)",
                        "Severity",
                        "Acknowledged in time",
                        "Objective 90 %",
                        "met",
                        "missed",
                        "Resolved in time",
                        "Application",
                        "Availability (after planned maintenance)",
                        "Unplanned outages",
                        "Unplanned minutes",
                        "The full report is attached as CSV.",
                        "This is a copy sent again at your or our request.",
                        "The support team"));
        WORDS.put(
                SupportLanguage.FR,
                new Words(
                        "Rapport mensuel des niveaux de service %s — %s",
                        "Bonjour,",
                        "Voici le rapport des niveaux de service de %s pour %s (heures de %s).",
                        "Tickets ouverts",
                        "Demandes non standard (hors périmètre standard, facturables sur demande)",
                        "Sévérité",
                        "Pris en charge dans les délais",
                        "Objectif 90 %",
                        "atteint",
                        "manqué",
                        "Résolus dans les délais",
                        "Application",
                        "Disponibilité (hors maintenance planifiée)",
                        "Interruptions non planifiées",
                        "Minutes non planifiées",
                        "Le rapport complet est joint au format CSV.",
                        "Ceci est un nouvel envoi, à votre demande ou à la nôtre.",
                        "L'équipe support"));
        WORDS.put(
                SupportLanguage.DE,
                new Words(
                        "Monatlicher Service-Level-Bericht %s — %s",
                        "Guten Tag,",
                        "Hier ist der Service-Level-Bericht von %s für %s (Zeiten in %s).",
                        "Eröffnete Tickets",
                        "Nicht-Standard-Anfragen (außerhalb des Standardumfangs, auf Anfrage kostenpflichtig)",
                        "Schweregrad",
                        "Rechtzeitig angenommen",
                        "Ziel 90 %",
                        "erreicht",
                        "verfehlt",
                        "Rechtzeitig gelöst",
                        "Anwendung",
                        "Verfügbarkeit (ohne geplante Wartung)",
                        "Ungeplante Ausfälle",
                        "Ungeplante Minuten",
                        "Der vollständige Bericht liegt als CSV bei.",
                        "Dies ist ein erneuter Versand auf Ihren oder unseren Wunsch.",
                        "Ihr Support-Team"));
        WORDS.put(
                SupportLanguage.ES,
                new Words(
                        "Informe mensual de niveles de servicio %s — %s",
                        "Hola:",
                        "Este es el informe de niveles de servicio de %s para %s (horas de %s).",
                        "Tickets abiertos",
                        "Solicitudes no estándar (fuera del alcance estándar, facturables bajo pedido)",
                        "Gravedad",
                        "Atendidos a tiempo",
                        "Objetivo 90 %",
                        "cumplido",
                        "incumplido",
                        "Resueltos a tiempo",
                        "Aplicación",
                        "Disponibilidad (sin el mantenimiento planificado)",
                        "Interrupciones no planificadas",
                        "Minutos no planificados",
                        "El informe completo va adjunto en CSV.",
                        "Este es un nuevo envío, a petición suya o nuestra.",
                        "El equipo de soporte"));
        WORDS.put(
                SupportLanguage.PT,
                new Words(
                        "Relatório mensal de níveis de serviço %s — %s",
                        "Olá,",
                        "Segue o relatório de níveis de serviço de %s para %s (horas de %s).",
                        "Tickets abertos",
                        "Pedidos não padrão (fora do âmbito padrão, faturáveis mediante pedido)",
                        "Gravidade",
                        "Atendidos a tempo",
                        "Objetivo 90 %",
                        "cumprido",
                        "falhado",
                        "Resolvidos a tempo",
                        "Aplicação",
                        "Disponibilidade (sem a manutenção planeada)",
                        "Interrupções não planeadas",
                        "Minutos não planeados",
                        "O relatório completo segue em anexo em CSV.",
                        "Este é um novo envio, a seu pedido ou nosso.",
                        "A equipa de suporte"));
        WORDS.put(
                SupportLanguage.ZH,
                new Words(
                        "月度服务水平报告 %s — %s",
                        "您好，",
                        "以下是 %s 在 %s 的服务水平报告（时间为 %s）。",
                        "新建工单",
                        "非标准请求（超出标准支持范围，可按需计费）",
                        "严重级别",
                        "按时受理",
                        "目标 90 %",
                        "达成",
                        "未达成",
                        "按时解决",
                        "应用",
                        "可用性（不含计划维护）",
                        "计划外中断",
                        "计划外分钟数",
                        "完整报告以 CSV 附件形式提供。",
                        "这是应您或我们的要求再次发送的副本。",
                        "支持团队"));
    }

    private ReportMail() {}

    public static Parts render(ReportIssued r, SupportLanguage language) {
        Words w = WORDS.getOrDefault(language, WORDS.get(SupportLanguage.EN));
        String name = r.accountName() == null ? r.accountId() : r.accountName();
        String subject = String.format(w.subject(), r.month(), name);
        String intro = String.format(w.intro(), name, r.month(), r.zone());
        StringBuilder text =
                new StringBuilder(w.hello()).append("\n\n").append(intro).append("\n\n");
        if (r.resend()) {
            text.append(w.resend()).append("\n\n");
        }
        text.append(w.opened()).append(": ").append(r.ticketsOpened()).append('\n');
        text.append(w.nonStandard()).append(": ").append(r.nonStandardTickets()).append("\n\n");
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html lang=\"")
                .append(language.name().toLowerCase())
                .append("\"><head><meta charset=\"utf-8\"><title>")
                .append(esc(subject))
                .append("</title></head><body><p>")
                .append(esc(w.hello()))
                .append("</p><p>")
                .append(esc(intro))
                .append("</p>");
        if (r.resend()) {
            html.append("<p><em>").append(esc(w.resend())).append("</em></p>");
        }
        html.append("<p>")
                .append(esc(w.opened()))
                .append(": <strong>")
                .append(r.ticketsOpened())
                .append("</strong><br>")
                .append(esc(w.nonStandard()))
                .append(": <strong>")
                .append(r.nonStandardTickets())
                .append("</strong></p><table border=\"1\" cellpadding=\"4\" cellspacing=\"0\"><tr><th>")
                .append(esc(w.severity()))
                .append("</th><th>")
                .append(esc(w.opened()))
                .append("</th><th>")
                .append(esc(w.acknowledgedInTime()))
                .append("</th><th>")
                .append(esc(w.objective()))
                .append("</th><th>")
                .append(esc(w.resolvedInTime()))
                .append("</th></tr>");
        for (ReportSeverityFigures s : r.severities()) {
            String objective = s.objectiveMet() == null ? "—" : s.objectiveMet() ? w.met() : w.missed();
            String acknowledged = s.responseMeasured() == 0
                    ? "—"
                    : s.respondedInTime() + " / " + s.responseMeasured() + " (" + s.responsePercent() + " %)";
            String resolved = s.resolutionMeasured() == 0 ? "—" : s.resolvedInTime() + " / " + s.resolutionMeasured();
            text.append(s.severity())
                    .append(": ")
                    .append(s.opened())
                    .append(" — ")
                    .append(w.acknowledgedInTime())
                    .append(' ')
                    .append(acknowledged)
                    .append(" — ")
                    .append(w.objective())
                    .append(' ')
                    .append(objective)
                    .append('\n');
            html.append("<tr><td>")
                    .append(s.severity())
                    .append("</td><td>")
                    .append(s.opened())
                    .append("</td><td>")
                    .append(esc(acknowledged))
                    .append("</td><td>")
                    .append(esc(objective))
                    .append("</td><td>")
                    .append(esc(resolved))
                    .append("</td></tr>");
        }
        html.append("</table>");
        if (!r.applications().isEmpty()) {
            html.append("<table border=\"1\" cellpadding=\"4\" cellspacing=\"0\"><tr><th>")
                    .append(esc(w.application()))
                    .append("</th><th>")
                    .append(esc(w.availability()))
                    .append("</th><th>")
                    .append(esc(w.outages()))
                    .append("</th><th>")
                    .append(esc(w.outageMinutes()))
                    .append("</th></tr>");
            text.append('\n');
            for (ReportApplicationFigures a : r.applications()) {
                String availability = a.availabilityPercent() == null ? "—" : a.availabilityPercent() + " %";
                text.append(a.application())
                        .append(": ")
                        .append(w.availability())
                        .append(' ')
                        .append(availability)
                        .append(", ")
                        .append(w.outages())
                        .append(' ')
                        .append(a.unplannedOutages())
                        .append('\n');
                html.append("<tr><td>")
                        .append(esc(a.application()))
                        .append("</td><td>")
                        .append(esc(availability))
                        .append("</td><td>")
                        .append(a.unplannedOutages())
                        .append("</td><td>")
                        .append(a.unplannedOutageMinutes())
                        .append("</td></tr>");
            }
            html.append("</table>");
        }
        text.append('\n').append(w.attached()).append("\n\n").append(w.signature());
        html.append("<p>")
                .append(esc(w.attached()))
                .append("</p><p>")
                .append(esc(w.signature()))
                .append("</p></body></html>");
        String csvName = "service-level-report-" + r.accountId() + "-" + r.month() + ".csv";
        return new Parts(subject, text.toString(), html.toString(), csvName, r.csv());
    }

    private static String esc(String s) {
        return s == null
                ? ""
                : s.replace("&", "&amp;")
                        .replace("<", "&lt;")
                        .replace(">", "&gt;")
                        .replace("\"", "&quot;");
    }
}
