package com.supportdesk.deploy;

import com.supportdesk.contract.Topics;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;

/**
 * The local stack's topics, declared before any service starts, as the Kubernetes manifests declare them: every topic
 * the platform writes ({@link Topics#all()}), with the contract's settings ({@link Topics#settings}). A topic that
 * exists with other values of those settings (made by an older stack, whose broker created topics on a client's first
 * request with its defaults: ticket-events kept a week, account-events not compacted) is set right, and each change is
 * printed. Other settings, partitions and replicas are left alone.
 *
 * <p>{@code StackTopics <bootstrap servers> <partitions> <replicas>}
 */
public final class StackTopics {
    private StackTopics() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: StackTopics <bootstrap servers> <partitions> <replicas>");
            System.exit(2);
        }
        int partitions = Integer.parseInt(args[1]);
        short replicas = Short.parseShort(args[2]);
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                args[0],
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                60_000))) {
            Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            List<ConfigResource> present = new ArrayList<>();
            for (String topic : Topics.all()) {
                if (existing.contains(topic)) {
                    present.add(new ConfigResource(ConfigResource.Type.TOPIC, topic));
                } else {
                    missing.add(new NewTopic(topic, partitions, replicas).configs(Topics.settings(topic)));
                }
            }
            admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
            missing.forEach(t -> System.out.println("created " + t.name() + " " + t.configs()));
            Map<ConfigResource, Config> configs =
                    admin.describeConfigs(present).all().get(60, TimeUnit.SECONDS);
            Map<ConfigResource, Collection<AlterConfigOp>> changes = new HashMap<>();
            for (ConfigResource topic : present) {
                Config config = configs.get(topic);
                Topics.settings(topic.name()).forEach((name, value) -> {
                    ConfigEntry now = config.get(name);
                    if (now == null || !value.equals(now.value())) {
                        changes.computeIfAbsent(topic, t -> new ArrayList<>())
                                .add(new AlterConfigOp(new ConfigEntry(name, value), AlterConfigOp.OpType.SET));
                        System.out.printf(
                                "set %s %s=%s (was %s)%n",
                                topic.name(), name, value, now == null ? "unset" : now.value());
                    }
                });
            }
            admin.incrementalAlterConfigs(changes).all().get(60, TimeUnit.SECONDS);
        }
    }
}
