package dev.loupe.core.spi;

import dev.loupe.core.stability.Stable;

/**
 * The version of the plugin SPI ({@code dev.loupe.core.spi} and the types its methods take and
 * return). A provider returns {@link #CURRENT} from its {@code spiVersion()}: the constant is
 * compiled into the provider's class, so it records the SPI the plugin was built against, not the
 * one it runs on.
 *
 * <p>A plugin built for {@code M.m} loads on SPI {@code M.n} with {@code n >= m}: minor versions
 * only add (default methods, new types). A new major version may break plugins, which are then
 * refused with a message naming them and their jar while the others load.
 */
@Stable
public final class SpiVersion {

    public static final int MAJOR = 1;
    public static final int MINOR = 0;
    /** {@code MAJOR.MINOR}, as a compile-time constant. */
    public static final String CURRENT = "1.0";

    private SpiVersion() {
    }

    /**
     * Null when a provider built for {@code declared} can run on this SPI; otherwise why not, in
     * words for the user.
     */
    public static String incompatibility(String declared) {
        if (declared == null || !declared.matches("[0-9]{1,4}\\.[0-9]{1,4}")) {
            return "it declares SPI version '" + declared + "', which is not MAJOR.MINOR";
        }
        int dot = declared.indexOf('.');
        int major = Integer.parseInt(declared.substring(0, dot));
        int minor = Integer.parseInt(declared.substring(dot + 1));
        if (major != MAJOR) {
            return "it was built for Loupe SPI " + declared + " and this Loupe has SPI " + CURRENT
                    + " (major versions differ); use a version of the plugin built for SPI " + MAJOR + ".x";
        }
        if (minor > MINOR) {
            return "it was built for Loupe SPI " + declared + ", newer than this Loupe's SPI " + CURRENT
                    + "; upgrade Loupe or use an older version of the plugin";
        }
        return null;
    }
}
