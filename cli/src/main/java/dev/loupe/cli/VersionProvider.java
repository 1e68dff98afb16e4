package dev.loupe.cli;

import dev.loupe.core.stability.Internal;
import picocli.CommandLine;

/** {@code loupe --version}: the version stamped into the jar manifest by the build. */
@Internal
public final class VersionProvider implements CommandLine.IVersionProvider {

    public static String version() {
        String version = VersionProvider.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"loupe " + version(), "Java " + System.getProperty("java.version")};
    }
}
