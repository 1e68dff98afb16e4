package dev.loupe.core.registry;

import dev.loupe.core.spi.SpiVersion;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * Finds the providers of one SPI type, one at a time, so that a broken or incompatible plugin
 * becomes a {@link PluginProblem} instead of an exception that hides every other provider (as
 * SLF4J 2 does for its providers): a services entry whose class is missing or fails to
 * initialise, a provider compiled before {@code spiVersion()} existed, and a provider built for an
 * incompatible SPI version ({@link SpiVersion#incompatibility}).
 */
final class ProviderLoading<P> {

    final List<P> loaded = new ArrayList<>();
    final List<PluginProblem> problems = new ArrayList<>();

    private ProviderLoading() {
    }

    /**
     * The class loader the registries search by default: the thread's context class loader when
     * it is set (the CLI puts plugin folders there), else the one that loaded Loupe's core.
     */
    static ClassLoader defaultLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : ProviderLoading.class.getClassLoader();
    }

    static <P> ProviderLoading<P> load(Class<P> type, ClassLoader loader, Function<P, String> spiVersion) {
        ProviderLoading<P> result = new ProviderLoading<>();
        Iterator<P> found = ServiceLoader.load(type, loader).iterator();
        while (true) {
            P provider;
            try {
                if (!found.hasNext()) {
                    break;
                }
                provider = found.next();
            } catch (ServiceConfigurationError | LinkageError e) {
                // ServiceLoader names the services entry and the cause; it goes on with the next entry
                result.problems.add(new PluginProblem(type.getSimpleName() + " entry", "class path or plugin folder",
                        e.getMessage() + (e.getCause() != null ? " (" + e.getCause() + ")" : "")));
                continue;
            }
            String reason = incompatibility(provider, spiVersion);
            if (reason == null) {
                result.loaded.add(provider);
            } else {
                result.problems.add(new PluginProblem(provider.getClass().getName(),
                        ProviderSource.of(provider.getClass()), reason));
            }
        }
        return result;
    }

    private static <P> String incompatibility(P provider, Function<P, String> spiVersion) {
        String declared;
        try {
            declared = spiVersion.apply(provider);
        } catch (AbstractMethodError e) {
            return "it declares no SPI version: it was built against a Loupe SPI older than " + SpiVersion.CURRENT
                    + "; rebuild it against this Loupe's loupe-core";
        } catch (RuntimeException | LinkageError e) {
            return "its spiVersion() failed: " + e;
        }
        return SpiVersion.incompatibility(declared);
    }
}
