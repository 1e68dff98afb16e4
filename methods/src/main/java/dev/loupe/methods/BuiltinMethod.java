package dev.loupe.methods;

import dev.loupe.core.stability.Internal;

/** The version every built-in method reports: the version of this jar. */
@Internal
public final class BuiltinMethod {

    private BuiltinMethod() {
    }

    public static String version() {
        String version = BuiltinMethod.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
