package dev.loupe.render;

import dev.loupe.core.stability.Experimental;
import dev.loupe.core.tensor.FloatArray;
import dev.loupe.render.io.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy's .npy format for float arrays, so that raw attributions open with {@code np.load}.
 *
 * <p>Writes version 1.0, dtype {@code <f4}, C order, with exactly the header bytes numpy 1.24
 * writes (including its spare spaces for growing the first axis), so a file is byte-identical
 * to {@code np.save(path, a.astype(np.float32))}. Reads versions 1.0 to 3.0, dtype {@code <f4},
 * and {@code <f8} (rounded to float32 like {@code astype(np.float32)}).
 */
@Experimental
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int ALIGN = 64;
    // numpy pads the header so the first axis can grow to this many digits in place.
    private static final int GROWTH_AXIS_MAX_DIGITS = 21;
    private static final Pattern DESCR = Pattern.compile("['\"]descr['\"]\\s*:\\s*['\"]([^'\"]*)['\"]");
    private static final Pattern FORTRAN = Pattern.compile("['\"]fortran_order['\"]\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("['\"]shape['\"]\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {}

    /** Writes {@code array} to {@code file} atomically (see {@link AtomicFiles}). */
    public static void write(Path file, FloatArray array) throws IOException {
        AtomicFiles.write(file, out -> write(out, array));
    }

    public static void write(OutputStream out, FloatArray array) throws IOException {
        out.write(header(array.shape()));
        ByteBuffer chunk = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : array.data()) {
            if (!chunk.hasRemaining()) {
                out.write(chunk.array(), 0, chunk.position());
                chunk.clear();
            }
            chunk.putFloat(v);
        }
        out.write(chunk.array(), 0, chunk.position());
    }

    public static byte[] toBytes(FloatArray array) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(out, array);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    static byte[] header(long[] shape) {
        StringBuilder dict = new StringBuilder("{'descr': '<f4', 'fortran_order': False, 'shape': (");
        for (int i = 0; i < shape.length; i++) {
            dict.append(shape[i]).append(shape.length == 1 ? "," : i < shape.length - 1 ? ", " : "");
        }
        dict.append("), }");
        if (shape.length > 0) {
            dict.append(" ".repeat(Math.max(0, GROWTH_AXIS_MAX_DIGITS - Long.toString(shape[0]).length())));
        }
        int textLength = dict.length() + 1; // + the final newline
        int pad = ALIGN - ((MAGIC.length + 2 + 2 + textLength) % ALIGN);
        byte[] text = (dict + " ".repeat(pad) + "\n").getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer out = ByteBuffer.allocate(MAGIC.length + 4 + text.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length).put(text);
        return out.array();
    }

    /** Reads a float32 or float64 .npy file into a float32 array. */
    public static FloatArray read(Path file) throws IOException {
        return parse(Files.readAllBytes(file), file.toString());
    }

    static FloatArray parse(byte[] bytes, String name) throws NpyFormatException {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (byte b : MAGIC) {
            if (!in.hasRemaining() || in.get() != b) {
                throw new NpyFormatException(name + " is not a .npy file (it does not start with \\x93NUMPY); "
                        + "write it with numpy.save");
            }
        }
        if (in.remaining() < 4) {
            throw new NpyFormatException(name + " is truncated inside its .npy header; write it again with numpy.save");
        }
        int major = in.get();
        in.get(); // minor version: no format difference between minor versions
        long headerLength;
        if (major == 1) {
            headerLength = Short.toUnsignedInt(in.getShort());
        } else if (major == 2 || major == 3) {
            if (in.remaining() < 4) {
                throw new NpyFormatException(name + " is truncated inside its .npy header; write it again with numpy.save");
            }
            headerLength = Integer.toUnsignedLong(in.getInt());
        } else {
            throw new NpyFormatException(name + " uses .npy format version " + major
                    + ", which Loupe does not read (1, 2 and 3 are read); write it with numpy.save");
        }
        if (headerLength > in.remaining()) {
            throw new NpyFormatException(name + " is truncated inside its .npy header; write it again with numpy.save");
        }
        byte[] headerBytes = new byte[(int) headerLength];
        in.get(headerBytes);
        String header = new String(headerBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);

        String descr = group(DESCR, header, name, "descr");
        String fortran = group(FORTRAN, header, name, "fortran_order");
        long[] shape = shape(group(SHAPE, header, name, "shape"), name);
        if (!descr.equals("<f4") && !descr.equals("<f8")) {
            throw new NpyFormatException(name + " holds dtype '" + descr + "'; Loupe reads only little-endian "
                    + "float32 ('<f4') and float64 ('<f8'). Convert it: np.save(path, a.astype('<f4'))");
        }
        if (fortran.equals("True")) {
            throw new NpyFormatException(name + " is stored in Fortran (column-major) order; Loupe reads only "
                    + "C order. Re-save it: np.save(path, np.ascontiguousarray(a))");
        }
        long count = 1;
        for (long d : shape) {
            // each factor below 2^31 keeps the running product (also below 2^31) from overflowing
            count = count == 0 ? 0 : d > Integer.MAX_VALUE ? Long.MAX_VALUE : count * d;
            if (count > Integer.MAX_VALUE - 8) {
                throw new NpyFormatException(name + " has shape " + Arrays.toString(shape)
                        + ", more values than one Java array can hold");
            }
        }
        int width = descr.equals("<f4") ? 4 : 8;
        long expected = count * width;
        if (in.remaining() != expected) {
            throw new NpyFormatException(name + " should hold " + expected + " data bytes for shape "
                    + Arrays.toString(shape) + " but holds " + in.remaining()
                    + (in.remaining() < expected ? " (truncated)" : "") + "; write it again with numpy.save");
        }
        float[] data = new float[(int) count];
        if (width == 4) {
            in.asFloatBuffer().get(data);
        } else {
            var doubles = in.asDoubleBuffer();
            for (int i = 0; i < data.length; i++) {
                data[i] = (float) doubles.get(i);
            }
        }
        return new FloatArray(data, shape);
    }

    private static String group(Pattern pattern, String header, String name, String key) throws NpyFormatException {
        Matcher m = pattern.matcher(header);
        if (!m.find()) {
            throw new NpyFormatException(name + " has a .npy header without a readable '" + key + "' entry: "
                    + header.strip() + "; write it with numpy.save");
        }
        return m.group(1);
    }

    private static long[] shape(String tuple, String name) throws NpyFormatException {
        String[] parts = tuple.split(",");
        int n = 0;
        long[] dims = new long[parts.length];
        for (String part : parts) {
            String p = part.strip();
            if (p.endsWith("L")) {
                p = p.substring(0, p.length() - 1); // Python 2 long literals
            }
            if (p.isEmpty()) {
                continue;
            }
            try {
                dims[n++] = Long.parseLong(p);
            } catch (NumberFormatException e) {
                throw new NpyFormatException(name + " has an unreadable shape (" + tuple + ") in its .npy header");
            }
            if (dims[n - 1] < 0) {
                throw new NpyFormatException(name + " has a negative dimension in its shape (" + tuple + ")");
            }
        }
        return Arrays.copyOf(dims, n);
    }
}
