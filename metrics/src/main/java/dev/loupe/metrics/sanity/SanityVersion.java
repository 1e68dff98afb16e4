package dev.loupe.metrics.sanity;

/** The version the sanity-check metrics report: the version of this jar. */
final class SanityVersion {

    private SanityVersion() {
    }

    static String get() {
        String version = SanityVersion.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
