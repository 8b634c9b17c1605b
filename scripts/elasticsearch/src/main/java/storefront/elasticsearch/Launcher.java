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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs a single-node Elasticsearch on the loopback interface until the JVM is told to stop
 * (SIGTERM / SIGINT), then closes the node cleanly.
 *
 * Usage: Launcher HOME PORT. HOME holds config/, data/, logs/ and the empty modules/ and
 * plugins/ folders the node expects; PORT is the HTTP port. Every setting is fixed here so the
 * node is the same for every developer and for CI.
 */
public final class Launcher {

    static final String NODE_NAME = "storefront-1";

    private Launcher() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: Launcher HOME PORT");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        for (String folder : List.of("config", "data", "logs", "modules", "plugins")) {
            Files.createDirectories(home.resolve(folder));
        }

        Settings settings = Settings.builder()
            .put("path.home", home.toString())
            .put("path.data", home.resolve("data").toString())
            .put("path.logs", home.resolve("logs").toString())
            .put("cluster.name", "storefront")
            .put("node.name", NODE_NAME)
            .put("network.host", "127.0.0.1")
            .put("http.port", port)
            .put("discovery.type", "single-node")
            // Tests and rebuilds delete indices by pattern.
            .put("action.destructive_requires_name", false)
            // A nearly full developer disk must not turn the indices read-only in the middle of a run.
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            .build();
        Environment environment = InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), home.resolve("config"), () -> NODE_NAME);

        try (InputStream logConfig = Launcher.class.getResourceAsStream("/log4j2.properties")) {
            Files.copy(logConfig, environment.configFile().resolve("log4j2.properties"), StandardCopyOption.REPLACE_EXISTING);
        }
        LogConfigurator.setNodeName(NODE_NAME);
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
