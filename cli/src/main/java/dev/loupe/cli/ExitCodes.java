package dev.loupe.cli;

import dev.loupe.core.ErrorKind;
import dev.loupe.core.stability.Internal;

/** The command line's exit codes; README.md documents the same table. */
@Internal
public final class ExitCodes {

    /** Everything asked for was written. */
    public static final int OK = 0;
    /** Loupe failed on acceptable input: a bug; the message says where. */
    public static final int INTERNAL = 1;
    /** Bad flags, config file, method name or method parameters. Nothing was written. */
    public static final int USAGE = 2;
    /** A model, layer or target that does not fit, or no readable image at all. Nothing was written. */
    public static final int INPUT = 3;
    /**
     * The run finished, but some images failed; they are listed on stderr and in run.json
     * ({@code evaluate}: in evaluation.json), or {@code evaluate} skipped a metric the model cannot support.
     */
    public static final int PARTIAL = 4;

    private ExitCodes() {
    }

    public static int of(ErrorKind kind) {
        return switch (kind) {
            case USAGE -> USAGE;
            case INPUT -> INPUT;
            case INTERNAL -> INTERNAL;
        };
    }
}
