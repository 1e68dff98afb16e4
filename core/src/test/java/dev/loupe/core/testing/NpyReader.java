package dev.loupe.core.testing;

import dev.loupe.core.tensor.FloatArray;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the float32 .npy reference files the fixture script writes (tests only). */
public final class NpyReader {

    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    private NpyReader() {
    }

    public static FloatArray read(Path file) {
        try {
            ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
            int major = buf.get(6);
            int headerLength = major == 1 ? Short.toUnsignedInt(buf.getShort(8)) : buf.getInt(8);
            int start = major == 1 ? 10 : 12;
            String header = new String(buf.array(), start, headerLength, StandardCharsets.ISO_8859_1);
            if (!header.contains("'<f4'") || header.contains("'fortran_order': True")) {
                throw new IllegalArgumentException(file + ": only C-order float32 is supported: " + header);
            }
            Matcher m = SHAPE.matcher(header);
            if (!m.find()) {
                throw new IllegalArgumentException(file + ": no shape in header " + header);
            }
            String[] dims = m.group(1).split(",");
            long[] shape = java.util.Arrays.stream(dims).map(String::trim).filter(s -> !s.isEmpty())
                    .mapToLong(Long::parseLong).toArray();
            buf.position(start + headerLength);
            float[] data = new float[Math.toIntExact(FloatArray.elementCount(shape))];
            buf.asFloatBuffer().get(data);
            return new FloatArray(data, shape);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
