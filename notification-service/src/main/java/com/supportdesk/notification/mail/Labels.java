package com.supportdesk.notification.mail;

import com.supportdesk.contract.model.SupportLanguage;
import java.util.EnumMap;
import java.util.Map;

/**
 * The words the templates fill in (state changes, clocks, escalation points, notice remarks), per support language.
 * A word missing in a language falls back to English, then to its key.
 */
public final class Labels {
    private static final Map<SupportLanguage, Map<String, String>> WORDS = new EnumMap<>(SupportLanguage.class);

    static {
        WORDS.put(
                SupportLanguage.EN,
                Map.ofEntries(
                        Map.entry("ACKNOWLEDGED", "acknowledged by the service desk"),
                        Map.entry("RECLASSIFIED", "severity reclassified"),
                        Map.entry("PRIORITY_GRANTED", "priority handling granted"),
                        Map.entry("PRIORITY_REFUSED", "priority handling refused"),
                        Map.entry("TRANSFERRED", "transferred to another support level"),
                        Map.entry("ON_HOLD", "on hold, waiting for your answer"),
                        Map.entry("RESUMED", "work resumed"),
                        Map.entry(
                                "NON_STANDARD",
                                "outside the standard scope of your contract: non-standard, billable on request"),
                        Map.entry("STANDARD", "back within the standard scope of your contract"),
                        Map.entry("RESOLVED", "resolved; please confirm or reject the resolution"),
                        Map.entry("RESOLUTION_REJECTED", "resolution rejected, work resumed"),
                        Map.entry("CLOSED", "closed"),
                        Map.entry("RESPONSE", "response"),
                        Map.entry("RESOLUTION", "resolution"),
                        Map.entry("FOLLOW_UP", "follow-up"),
                        Map.entry("STRATEGIC_ACCOUNT_MANAGER", "strategic account manager"),
                        Map.entry("CRITICAL_SITUATION_MANAGER", "critical situation manager"),
                        Map.entry("SENIOR_MANAGEMENT", "senior management"),
                        Map.entry("SUPPORT_MANAGEMENT", "support management"),
                        Map.entry("ONGOING", "The disruption is ongoing."),
                        Map.entry("ENDED", "The service was restored at %s."),
                        Map.entry(
                                "SHORT_NOTICE",
                                "We are sorry: this notice is shorter than the 10 business days we commit to."),
                        Map.entry(
                                "EMERGENCY", "This is an emergency or security fix, announced as early as we could.")));
        WORDS.put(
                SupportLanguage.FR,
                Map.ofEntries(
                        Map.entry("ACKNOWLEDGED", "pris en charge par le service desk"),
                        Map.entry("RECLASSIFIED", "sévérité reclassée"),
                        Map.entry("PRIORITY_GRANTED", "traitement prioritaire accordé"),
                        Map.entry("PRIORITY_REFUSED", "traitement prioritaire refusé"),
                        Map.entry("TRANSFERRED", "transféré à un autre niveau de support"),
                        Map.entry("ON_HOLD", "en attente de votre réponse"),
                        Map.entry("RESUMED", "traitement repris"),
                        Map.entry(
                                "NON_STANDARD",
                                "hors du périmètre standard de votre contrat : demande non standard, facturable sur demande"),
                        Map.entry("STANDARD", "de nouveau dans le périmètre standard de votre contrat"),
                        Map.entry("RESOLVED", "résolu ; merci de confirmer ou de refuser la résolution"),
                        Map.entry("RESOLUTION_REJECTED", "résolution refusée, traitement repris"),
                        Map.entry("CLOSED", "clôturé"),
                        Map.entry("RESPONSE", "réponse"),
                        Map.entry("RESOLUTION", "résolution"),
                        Map.entry("FOLLOW_UP", "suivi"),
                        Map.entry("STRATEGIC_ACCOUNT_MANAGER", "responsable de compte stratégique"),
                        Map.entry("CRITICAL_SITUATION_MANAGER", "responsable des situations critiques"),
                        Map.entry("SENIOR_MANAGEMENT", "direction"),
                        Map.entry("SUPPORT_MANAGEMENT", "direction du support"),
                        Map.entry("ONGOING", "La perturbation est en cours."),
                        Map.entry("ENDED", "Le service a été rétabli le %s."),
                        Map.entry(
                                "SHORT_NOTICE",
                                "Nous sommes désolés : ce préavis est inférieur aux 10 jours ouvrés convenus."),
                        Map.entry(
                                "EMERGENCY",
                                "Il s'agit d'un correctif d'urgence ou de sécurité, annoncé au plus tôt.")));
        WORDS.put(
                SupportLanguage.DE,
                Map.ofEntries(
                        Map.entry("ACKNOWLEDGED", "vom Service Desk angenommen"),
                        Map.entry("RECLASSIFIED", "Schweregrad neu eingestuft"),
                        Map.entry("PRIORITY_GRANTED", "bevorzugte Bearbeitung gewährt"),
                        Map.entry("PRIORITY_REFUSED", "bevorzugte Bearbeitung abgelehnt"),
                        Map.entry("TRANSFERRED", "an eine andere Support-Ebene übergeben"),
                        Map.entry("ON_HOLD", "wartet auf Ihre Antwort"),
                        Map.entry("RESUMED", "Bearbeitung fortgesetzt"),
                        Map.entry(
                                "NON_STANDARD",
                                "außerhalb des Standardumfangs Ihres Vertrags: Nicht-Standard-Anfrage, auf Anfrage kostenpflichtig"),
                        Map.entry("STANDARD", "wieder im Standardumfang Ihres Vertrags"),
                        Map.entry("RESOLVED", "gelöst; bitte bestätigen oder lehnen Sie die Lösung ab"),
                        Map.entry("RESOLUTION_REJECTED", "Lösung abgelehnt, Bearbeitung fortgesetzt"),
                        Map.entry("CLOSED", "geschlossen"),
                        Map.entry("RESPONSE", "Reaktionszeit"),
                        Map.entry("RESOLUTION", "Lösungszeit"),
                        Map.entry("FOLLOW_UP", "Folgeantwort"),
                        Map.entry("STRATEGIC_ACCOUNT_MANAGER", "strategischer Account Manager"),
                        Map.entry("CRITICAL_SITUATION_MANAGER", "Critical Situation Manager"),
                        Map.entry("SENIOR_MANAGEMENT", "Geschäftsleitung"),
                        Map.entry("SUPPORT_MANAGEMENT", "Support-Leitung"),
                        Map.entry("ONGOING", "Die Störung dauert an."),
                        Map.entry("ENDED", "Der Dienst wurde am %s wiederhergestellt."),
                        Map.entry(
                                "SHORT_NOTICE",
                                "Bitte entschuldigen Sie: diese Ankündigung erfolgt kurzfristiger als die zugesagten 10 Arbeitstage."),
                        Map.entry(
                                "EMERGENCY",
                                "Es handelt sich um eine Notfall- oder Sicherheitskorrektur, so früh wie möglich angekündigt.")));
        WORDS.put(
                SupportLanguage.ES,
                Map.ofEntries(
                        Map.entry("ACKNOWLEDGED", "aceptado por el service desk"),
                        Map.entry("RECLASSIFIED", "severidad reclasificada"),
                        Map.entry("PRIORITY_GRANTED", "tratamiento prioritario concedido"),
                        Map.entry("PRIORITY_REFUSED", "tratamiento prioritario denegado"),
                        Map.entry("TRANSFERRED", "transferido a otro nivel de soporte"),
                        Map.entry("ON_HOLD", "en espera de su respuesta"),
                        Map.entry("RESUMED", "trabajo reanudado"),
                        Map.entry(
                                "NON_STANDARD",
                                "fuera del alcance estándar de su contrato: solicitud no estándar, facturable bajo pedido"),
                        Map.entry("STANDARD", "de nuevo dentro del alcance estándar de su contrato"),
                        Map.entry("RESOLVED", "resuelto; confirme o rechace la resolución"),
                        Map.entry("RESOLUTION_REJECTED", "resolución rechazada, trabajo reanudado"),
                        Map.entry("CLOSED", "cerrado"),
                        Map.entry("RESPONSE", "respuesta"),
                        Map.entry("RESOLUTION", "resolución"),
                        Map.entry("FOLLOW_UP", "seguimiento"),
                        Map.entry("STRATEGIC_ACCOUNT_MANAGER", "gestor de cuenta estratégica"),
                        Map.entry("CRITICAL_SITUATION_MANAGER", "gestor de situaciones críticas"),
                        Map.entry("SENIOR_MANAGEMENT", "alta dirección"),
                        Map.entry("SUPPORT_MANAGEMENT", "dirección de soporte"),
                        Map.entry("ONGOING", "La interrupción continúa."),
                        Map.entry("ENDED", "El servicio se restableció el %s."),
                        Map.entry(
                                "SHORT_NOTICE", "Lo sentimos: este aviso es inferior a los 10 días hábiles acordados."),
                        Map.entry(
                                "EMERGENCY",
                                "Se trata de una corrección urgente o de seguridad, anunciada lo antes posible.")));
        WORDS.put(
                SupportLanguage.PT,
                Map.ofEntries(
                        Map.entry("ACKNOWLEDGED", "aceite pelo service desk"),
                        Map.entry("RECLASSIFIED", "severidade reclassificada"),
                        Map.entry("PRIORITY_GRANTED", "tratamento prioritário concedido"),
                        Map.entry("PRIORITY_REFUSED", "tratamento prioritário recusado"),
                        Map.entry("TRANSFERRED", "transferido para outro nível de suporte"),
                        Map.entry("ON_HOLD", "em espera da sua resposta"),
                        Map.entry("RESUMED", "trabalho retomado"),
                        Map.entry(
                                "NON_STANDARD",
                                "fora do âmbito padrão do seu contrato: pedido não padrão, faturável mediante pedido"),
                        Map.entry("STANDARD", "novamente dentro do âmbito padrão do seu contrato"),
                        Map.entry("RESOLVED", "resolvido; confirme ou rejeite a resolução"),
                        Map.entry("RESOLUTION_REJECTED", "resolução rejeitada, trabalho retomado"),
                        Map.entry("CLOSED", "fechado"),
                        Map.entry("RESPONSE", "resposta"),
                        Map.entry("RESOLUTION", "resolução"),
                        Map.entry("FOLLOW_UP", "acompanhamento"),
                        Map.entry("STRATEGIC_ACCOUNT_MANAGER", "gestor de conta estratégica"),
                        Map.entry("CRITICAL_SITUATION_MANAGER", "gestor de situações críticas"),
                        Map.entry("SENIOR_MANAGEMENT", "direção"),
                        Map.entry("SUPPORT_MANAGEMENT", "direção de suporte"),
                        Map.entry("ONGOING", "A interrupção continua."),
                        Map.entry("ENDED", "O serviço foi restabelecido em %s."),
                        Map.entry(
                                "SHORT_NOTICE", "Pedimos desculpa: este aviso é inferior aos 10 dias úteis acordados."),
                        Map.entry(
                                "EMERGENCY",
                                "Trata-se de uma correção urgente ou de segurança, anunciada o mais cedo possível.")));
        WORDS.put(
                SupportLanguage.ZH,
                Map.ofEntries(
                        Map.entry("ACKNOWLEDGED", "服务台已受理"),
                        Map.entry("RECLASSIFIED", "严重级别已重新分类"),
                        Map.entry("PRIORITY_GRANTED", "已批准优先处理"),
                        Map.entry("PRIORITY_REFUSED", "优先处理请求被拒绝"),
                        Map.entry("TRANSFERRED", "已转至其他支持级别"),
                        Map.entry("ON_HOLD", "已挂起，等待您的答复"),
                        Map.entry("RESUMED", "已恢复处理"),
                        Map.entry("NON_STANDARD", "超出您合同的标准支持范围：非标准请求，可按需计费"),
                        Map.entry("STANDARD", "已恢复为您合同的标准支持范围"),
                        Map.entry("RESOLVED", "已解决，请确认或拒绝该解决方案"),
                        Map.entry("RESOLUTION_REJECTED", "解决方案被拒绝，已恢复处理"),
                        Map.entry("CLOSED", "已关闭"),
                        Map.entry("RESPONSE", "响应"),
                        Map.entry("RESOLUTION", "解决"),
                        Map.entry("FOLLOW_UP", "跟进"),
                        Map.entry("STRATEGIC_ACCOUNT_MANAGER", "战略客户经理"),
                        Map.entry("CRITICAL_SITUATION_MANAGER", "危急情况经理"),
                        Map.entry("SENIOR_MANAGEMENT", "高级管理层"),
                        Map.entry("SUPPORT_MANAGEMENT", "支持管理层"),
                        Map.entry("ONGOING", "服务中断仍在持续。"),
                        Map.entry("ENDED", "服务已于 %s 恢复。"),
                        Map.entry("SHORT_NOTICE", "抱歉：此次通知少于约定的 10 个工作日。"),
                        Map.entry("EMERGENCY", "这是紧急或安全修复，已尽早通知。")));
    }

    private Labels() {}

    public static String word(SupportLanguage language, String key, Object... args) {
        String w = WORDS.getOrDefault(language, Map.of()).get(key);
        if (w == null) {
            w = WORDS.get(SupportLanguage.EN).getOrDefault(key, key);
        }
        return args.length == 0 ? w : String.format(w, args);
    }
}
