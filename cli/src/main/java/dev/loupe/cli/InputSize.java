package dev.loupe.cli;

import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;

/** {@code --input-size}: {@code 224}, {@code 96x128} (height x width) or {@code 3x224x224}. */
record InputSize(long channels, long height, long width) {

    static InputSize parse(String text) {
        String[] parts = text.trim().toLowerCase().split("x");
        try {
            long[] v = new long[parts.length];
            for (int i = 0; i < parts.length; i++) {
                v[i] = Long.parseLong(parts[i].trim());
                if (v[i] <= 0) {
                    throw new NumberFormatException();
                }
            }
            return switch (v.length) {
                case 1 -> new InputSize(3, v[0], v[0]);
                case 2 -> new InputSize(3, v[0], v[1]);
                case 3 -> new InputSize(v[0], v[1], v[2]);
                default -> throw new NumberFormatException();
            };
        } catch (NumberFormatException e) {
            throw new LoupeException(ErrorKind.USAGE, "Bad input size '" + text
                    + "': write SIZE, HEIGHTxWIDTH or CHANNELSxHEIGHTxWIDTH with positive integers, e.g. 224 or 3x224x224.");
        }
    }

    long[] shape() {
        return new long[] {channels, height, width};
    }
}
