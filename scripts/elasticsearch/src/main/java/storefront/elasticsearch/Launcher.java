package storefront.elasticsearch;

import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.node.ClasspathPluginsNode;
import org.elasticsearch.node.InternalSettingsPreparer;
import org.elasticsearch.node.Node;
import org.elasticsearch.transport.netty4.Netty4Plugin;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs one Elasticsearch node on the loopback interface until the JVM is told to stop
 * (SIGTERM / SIGINT), then closes the node cleanly: a single-node cluster, or one node of a
 * cluster of several launchers.
 *
 * Usage: Launcher HOME PORT [--node-name NAME --transport-port PORT --seed-hosts HOST:PORT,...
 * [--initial-master-nodes NAME,...]]. HOME holds config/, data/, logs/ and the empty modules/
 * and plugins/ folders the node expects; PORT is the HTTP port. Without --seed-hosts the node
 * is a cluster of its own (discovery.type single-node). With them it finds the other nodes on
 * those transport addresses (every node is master-eligible and holds data);
 * --initial-master-nodes bootstraps a new cluster and is only given to nodes that have no data
 * yet (a node that already belongs to a cluster rejoins it). Every other setting is fixed here
 * so the nodes are the same for every developer and for CI.
 */
public final class Launcher {

    static final String NODE_NAME = "storefront-1";

    static final Set<String> OPTIONS = Set.of("--node-name", "--transport-port", "--seed-hosts", "--initial-master-nodes");

    private Launcher() {}

    private static void usage() {
        System.err.println("usage: Launcher HOME PORT [--node-name NAME --transport-port PORT --seed-hosts HOST:PORT,... [--initial-master-nodes NAME,...]]");
        System.exit(2);
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2 || args.length % 2 != 0) {
            usage();
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        Map<String, String> options = new HashMap<>();
        for (int i = 2; i < args.length; i += 2) {
            if (!OPTIONS.contains(args[i])) {
                usage();
            }
            options.put(args[i], args[i + 1]);
        }
        String nodeName = options.getOrDefault("--node-name", NODE_NAME);
        for (String folder : List.of("config", "data", "logs", "modules", "plugins")) {
            Files.createDirectories(home.resolve(folder));
        }

        Settings.Builder builder = Settings.builder()
            .put("path.home", home.toString())
            .put("path.data", home.resolve("data").toString())
            .put("path.logs", home.resolve("logs").toString())
            .put("cluster.name", "storefront")
            .put("node.name", nodeName)
            .put("network.host", "127.0.0.1")
            .put("http.port", port)
            // Tests and rebuilds delete indices by pattern.
            .put("action.destructive_requires_name", false)
            // A nearly full developer disk must not turn the indices read-only in the middle of a run.
            .put("cluster.routing.allocation.disk.threshold_enabled", false);
        if (options.containsKey("--seed-hosts") != options.containsKey("--transport-port")) {
            usage();
        }
        if (options.containsKey("--seed-hosts")) {
            builder.put("transport.port", options.get("--transport-port"))
                .putList("discovery.seed_hosts", List.of(options.get("--seed-hosts").split(",")));
            if (options.containsKey("--initial-master-nodes")) {
                builder.putList("cluster.initial_master_nodes", List.of(options.get("--initial-master-nodes").split(",")));
            }
        } else {
            builder.put("discovery.type", "single-node");
        }
        Settings settings = builder.build();
        Environment environment = InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), home.resolve("config"), () -> nodeName);

        try (InputStream logConfig = Launcher.class.getResourceAsStream("/log4j2.properties")) {
            Files.copy(logConfig, environment.configFile().resolve("log4j2.properties"), StandardCopyOption.REPLACE_EXISTING);
        }
        LogConfigurator.setNodeName(nodeName);
        LogConfigurator.configure(environment, true);

        Node node = new ClasspathPluginsNode(environment, List.of(Netty4Plugin.class, LanguageAnalysisPlugin.class, RootInfoPlugin.class));
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
                node.awaitClose(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                closed.countDown();
            }
        }, "storefront-elasticsearch-shutdown"));
        node.start();
        closed.await();
    }
}
