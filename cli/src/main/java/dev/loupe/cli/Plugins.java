package dev.loupe.cli;

import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Plugin folders ({@code --plugins DIR}, {@code plugins:} in YAML): every {@code .jar} directly
 * in them joins one class loader on top of Loupe's, which becomes the thread's context class
 * loader, where the registries look for providers. Jars on the class path work without this.
 */
final class Plugins {

    private Plugins() {
    }

    /** Makes the jars in {@code folders} visible to the registries of this thread; no-op for none. */
    static void install(List<Path> folders) {
        List<URL> jars = new ArrayList<>();
        for (Path folder : folders) {
            for (URL jar : jarsIn(folder)) {
                if (!installed(jar)) {
                    jars.add(jar);
                }
            }
        }
        if (jars.isEmpty()) {
            return;
        }
        ClassLoader parent = Thread.currentThread().getContextClassLoader() != null
                ? Thread.currentThread().getContextClassLoader() : Plugins.class.getClassLoader();
        Thread.currentThread().setContextClassLoader(new URLClassLoader("loupe-plugins", jars.toArray(URL[]::new), parent));
    }

    /** picocli may hand the option over more than once; a jar joins the loaders only once. */
    private static boolean installed(URL jar) {
        for (ClassLoader l = Thread.currentThread().getContextClassLoader(); l != null; l = l.getParent()) {
            if (l instanceof URLClassLoader urls && java.util.Arrays.asList(urls.getURLs()).contains(jar)) {
                return true;
            }
        }
        return false;
    }

    private static List<URL> jarsIn(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new LoupeException(ErrorKind.USAGE, "Plugin folder " + folder + " does not exist or is not a folder;"
                    + " give a folder that holds plugin jars.");
        }
        try (Stream<Path> files = Files.list(folder)) {
            List<URL> jars = new ArrayList<>();
            for (Path jar : files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList()) {
                jars.add(jar.toUri().toURL());
            }
            return jars;
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new LoupeException(ErrorKind.USAGE, "Cannot list plugin folder " + folder + ": " + e.getMessage());
        }
    }
}
