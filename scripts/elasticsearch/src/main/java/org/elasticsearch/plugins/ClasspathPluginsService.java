package org.elasticsearch.plugins;

import org.elasticsearch.Version;
import org.elasticsearch.action.admin.cluster.node.info.PluginsAndModules;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.jdk.ModuleQualifiedExportsService;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A PluginsService whose plugins are classes already on the class path, instead of bundles
 * installed under plugins/ and modules/ (which this node does not have).
 *
 * It lives in this package because a loaded plugin's record and the plugin constructor
 * helper are package-private.
 */
public class ClasspathPluginsService extends PluginsService {

    private final List<LoadedPlugin> classpathPlugins;

    public ClasspathPluginsService(Settings settings, Environment environment, Collection<Class<? extends Plugin>> pluginClasses) {
        super(settings, environment.configFile(), environment.modulesFile(), environment.pluginsFile());
        classpathPlugins = pluginClasses.stream()
            .map(pluginClass -> new LoadedPlugin(descriptor(pluginClass), loadPlugin(pluginClass, settings, environment.configFile())))
            .toList();
        loadExtensions(classpathPlugins);
    }

    private static PluginDescriptor descriptor(Class<? extends Plugin> pluginClass) {
        return new PluginDescriptor(
            pluginClass.getName(),
            "class path plugin",
            "NA",
            Version.CURRENT.toString(),
            Runtime.version().toString(),
            pluginClass.getName(),
            null,
            List.of(),
            false,
            false,
            false,
            false
        );
    }

    @Override
    protected List<LoadedPlugin> plugins() {
        return classpathPlugins;
    }

    @Override
    public PluginsAndModules info() {
        return new PluginsAndModules(classpathPlugins.stream().map(plugin -> new PluginRuntimeInfo(plugin.descriptor())).toList(), List.of());
    }

    @Override
    protected void addServerExportsService(Map<String, List<ModuleQualifiedExportsService>> qualifiedExports) {
        // The server runs from the class path (an unnamed module): it has no qualified exports to open.
    }
}
