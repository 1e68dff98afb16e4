package dev.loupe.methods;

/** The version every built-in method reports: the version of this jar. */
public final class BuiltinMethod {

    private BuiltinMethod() {
    }

    public static String version() {
        String version = BuiltinMethod.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
