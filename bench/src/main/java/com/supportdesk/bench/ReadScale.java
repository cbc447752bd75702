package com.supportdesk.bench;

import com.supportdesk.contract.Topics;
import com.supportdesk.contract.event.ClockStarted;
import com.supportdesk.contract.event.MessageAdded;
import com.supportdesk.contract.event.TicketAcknowledged;
import com.supportdesk.contract.event.TicketClosed;
import com.supportdesk.contract.event.TicketOpened;
import com.supportdesk.contract.model.ClockKind;
import com.supportdesk.contract.model.ClosureReason;
import com.supportdesk.contract.model.Impact;
import com.supportdesk.contract.model.Severity;
import com.supportdesk.contract.model.SupportLevel;
import com.supportdesk.contract.model.TicketKind;
import com.supportdesk.contract.model.Urgency;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * The read side at scale (issue 31). {@code load}: N tickets written to the topics as the services would have written
 * them, with titles, descriptions and messages in six languages (about five messages a ticket, from a vocabulary whose
 * words are as unevenly common as real ones; one ticket in 20,000 carries the rare word "quokkafault"), half of them
 * still waiting in the queue. {@code measure}: the dashboard, the queue's first page and three searches (a rare word,
 * a common word, a reference), each called 200 times one after the other after 20 warm-up calls; p50 and p99.
 * Usage: ReadScale load --tickets=N [--kafka=localhost:9092]; ReadScale measure [--reporting=http://localhost:8085]
 */
public final class ReadScale {
    static final String RARE = "quokkafault";
    private static final Map<String, String[]> WORDS = Map.of(
            "en",
            ("invoice invoices export exports report reports login password printer server servers crash crashes slow "
                            + "timeout error errors payment payments checkout database connection certificate upgrade "
                            + "license email emails order orders screen button page sync synchronisation backup "
                            + "restore disk memory queue job jobs schedule user users permission access network proxy "
                            + "firewall update patch release version mobile app api token webhook")
                    .split(" "),
            "fr",
            ("facture factures exportation rapport rapports connexion mot passe imprimante serveur serveurs panne lent "
                            + "délai erreur erreurs paiement paiements commande base données certificat mise jour "
                            + "licence courriel écran bouton page sauvegarde restauration disque mémoire file tâche "
                            + "utilisateur utilisateurs droits accès réseau pare-feu version application")
                    .split(" "),
            "de",
            ("Rechnung Rechnungen Export Bericht Berichte Anmeldung Passwort Drucker Server Absturz langsam Zeitüberschreitung "
                            + "Fehler Zahlung Zahlungen Bestellung Datenbank Verbindung Zertifikat Aktualisierung Lizenz "
                            + "Bildschirm Schaltfläche Seite Sicherung Wiederherstellung Speicher Warteschlange Benutzer "
                            + "Berechtigung Zugriff Netzwerk Version")
                    .split(" "),
            "es",
            ("factura facturas exportación informe informes inicio sesión contraseña impresora servidor servidores caída "
                            + "lento error errores pago pagos pedido base datos conexión certificado actualización "
                            + "licencia correo pantalla botón página copia restauración disco memoria cola usuario "
                            + "permiso acceso red versión")
                    .split(" "),
            "pt",
            ("fatura faturas exportação relatório relatórios acesso senha impressora servidor servidores falha lento "
                            + "erro erros pagamento pagamentos pedido banco dados conexão certificado atualização "
                            + "licença correio tela botão página cópia restauração disco memória fila usuário permissão "
                            + "rede versão")
                    .split(" "),
            "zh",
            "发票 导出 报告 登录 密码 打印机 服务器 崩溃 缓慢 超时 错误 付款 订单 数据库 连接 证书 升级 许可证 邮件 屏幕 按钮 页面 备份 恢复 磁盘 内存 队列 用户 权限 网络 版本"
                    .split(" "));

    private static final List<String> LANGUAGES = List.of("en", "fr", "de", "es", "pt", "zh");

    private ReadScale() {}

    public static void main(String[] args) throws Exception {
        long tickets = 1_000_000;
        String kafka = "localhost:9092";
        String reporting = "http://localhost:8085";
        for (String a : args) {
            if (a.startsWith("--tickets=")) {
                tickets = Long.parseLong(a.substring(10));
            } else if (a.startsWith("--kafka=")) {
                kafka = a.substring(8);
            } else if (a.startsWith("--reporting=")) {
                reporting = a.substring(12);
            }
        }
        if (args.length > 0 && args[0].equals("load")) {
            load(kafka, tickets);
        } else if (args.length > 0 && args[0].equals("measure")) {
            measure(reporting);
        } else {
            System.err.println("usage: ReadScale load --tickets=N | ReadScale measure");
            System.exit(2);
        }
    }

    /** A word of the language, the first ones far more often than the last (about as uneven as real text). */
    static String word(Random random, String[] words) {
        double u = random.nextDouble();
        return words[(int) Math.min(words.length - 1, Math.floor(Math.pow(u, 2.5) * words.length))];
    }

    static String sentence(Random random, String language, int length) {
        String[] words = WORDS.get(language);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append(i == 0 ? "" : language.equals("zh") ? "" : " ").append(word(random, words));
        }
        return s.toString();
    }

    static void load(String kafka, long tickets) {
        Random random = new Random(31);
        String run = UUID.randomUUID().toString().substring(0, 6);
        Instant t0 = Instant.now().minus(Duration.ofDays(365));
        long events = 0;
        long started = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = Backlog.producer(kafka)) {
            for (long i = 0; i < tickets; i++) {
                String language = LANGUAGES.get((int) (i % LANGUAGES.size()));
                String account = "scale-" + language + "-" + (i % 50);
                String id = "rs-" + run + "-" + i;
                Instant at = t0.plusSeconds(i * 31_536_000L / tickets);
                Severity severity = Severity.values()[random.nextInt(4)];
                String title = sentence(random, language, 4 + random.nextInt(5)) + (i % 20_000 == 7 ? " " + RARE : "");
                long sequence = 0;
                events += Backlog.send(
                        producer,
                        Topics.TICKET_EVENTS,
                        id,
                        sequence++,
                        new TicketOpened(
                                id,
                                account,
                                "RS-" + run + "-" + i,
                                TicketKind.INCIDENT,
                                severity,
                                Impact.STANDARD,
                                Urgency.values()[random.nextInt(Urgency.values().length)],
                                random.nextInt(20) == 0,
                                SupportLevel.values()[random.nextInt(3)],
                                title,
                                sentence(random, language, 20 + random.nextInt(30)),
                                "erp",
                                null,
                                "bench",
                                at));
                events += Backlog.send(
                        producer,
                        Topics.SLA_EVENTS,
                        id,
                        null,
                        new ClockStarted(
                                id,
                                account,
                                ClockKind.RESPONSE,
                                "standard",
                                "europe",
                                severity,
                                Duration.ofHours(4),
                                Duration.ZERO,
                                at.plus(Duration.ofHours(4 + random.nextInt(24 * 400))),
                                at));
                int messages = random.nextInt(11);
                for (int m = 0; m < messages; m++) {
                    events += Backlog.send(
                            producer,
                            Topics.TICKET_EVENTS,
                            id,
                            sequence++,
                            new MessageAdded(
                                    id,
                                    account,
                                    "m-" + m,
                                    sentence(random, language, 10 + random.nextInt(30)),
                                    m % 2 == 0,
                                    "bench",
                                    at.plusSeconds(600L * (m + 1)),
                                    null));
                }
                int fate = random.nextInt(10);
                if (fate >= 3) {
                    events += Backlog.send(
                            producer,
                            Topics.TICKET_EVENTS,
                            id,
                            sequence++,
                            new TicketAcknowledged(id, account, severity, null, at, "agent", at.plusSeconds(900)));
                }
                if (fate >= 5) {
                    events += Backlog.send(
                            producer,
                            Topics.TICKET_EVENTS,
                            id,
                            sequence++,
                            new TicketClosed(
                                    id, account, ClosureReason.CLOSED_BY_SUPPORT, "agent", at.plusSeconds(86_400)));
                }
                if (i > 0 && i % 100_000 == 0) {
                    System.out.printf("%d tickets, %d events written%n", i, events);
                }
            }
        }
        System.out.printf(
                "LOADED tickets=%d events=%d run=%s seconds=%.0f%n",
                tickets, events, run, (System.nanoTime() - started) / 1e9);
        System.out.println("REFERENCE RS-" + run + "-" + (tickets / 2));
    }

    static void measure(String reporting) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String reference = System.getenv().getOrDefault("REFERENCE", "RS-0");
        String common = WORDS.get("en")[0];
        List<String> result = new ArrayList<>();
        result.add("dashboard_p99_ms=" + p99(http, reporting + "/api/reports/dashboard", "dashboard"));
        result.add("queue_p99_ms=" + p99(http, reporting + "/api/reports/queue?limit=50", "queue"));
        long rare = p99(http, reporting + "/api/reports/tickets?q=" + RARE, "search rare");
        long often = p99(http, reporting + "/api/reports/tickets?q=" + common, "search common");
        long byReference = p99(
                http,
                reporting + "/api/reports/tickets?q=" + URLEncoder.encode(reference, StandardCharsets.UTF_8),
                "search reference");
        result.add("search_p99_ms=" + Math.max(rare, Math.max(often, byReference)));
        System.out.println("MEASURED " + String.join(" ", result));
    }

    /** 20 warm-up calls, then 200 timed ones in a row; prints p50 and p99, returns p99 in ms. */
    static long p99(HttpClient http, String url, String what) throws Exception {
        HttpRequest request = BenchAuth.bearer(HttpRequest.newBuilder(URI.create(url)))
                .timeout(Duration.ofSeconds(60))
                .build();
        HttpResponse<String> first = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (first.statusCode() != 200) {
            throw new IllegalStateException(what + ": " + first.statusCode() + " " + first.body());
        }
        for (int i = 0; i < 20; i++) {
            http.send(request, HttpResponse.BodyHandlers.discarding());
        }
        long[] nanos = new long[200];
        for (int i = 0; i < nanos.length; i++) {
            long t = System.nanoTime();
            http.send(request, HttpResponse.BodyHandlers.discarding());
            nanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        long p50 = nanos[nanos.length / 2] / 1_000_000;
        long p99 = (nanos[(int) Math.ceil(nanos.length * 0.99) - 1] + 999_999) / 1_000_000;
        System.out.printf(
                "%-17s p50 %4d ms  p99 %4d ms  (%d bytes)%n",
                what, p50, p99, first.body().length());
        return p99;
    }

    static {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"); // the figures are the output
    }
}
