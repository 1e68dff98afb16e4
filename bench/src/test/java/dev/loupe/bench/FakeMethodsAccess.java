package dev.loupe.bench;

import dev.loupe.core.explain.Explainer;

/** {@link FakeMethods} for tests in other packages. */
public final class FakeMethodsAccess {

    private FakeMethodsAccess() {
    }

    public static Explainer mixed() {
        return FakeMethods.MIXED;
    }
}
