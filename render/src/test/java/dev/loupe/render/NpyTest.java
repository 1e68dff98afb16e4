package dev.loupe.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loupe.core.tensor.FloatArray;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {

    @TempDir
    Path dir;

    @Test
    void writesTheSameBytesAsNumpySave() throws IOException {
        assertBytesEqual("npy_f4_2x3.npy", new FloatArray(new float[] {0f, -1.5f, 3.25f, 1e-8f, 65504f, -0f}, new long[] {2, 3}));
        assertBytesEqual("npy_f4_scalar.npy", new FloatArray(new float[] {2.5f}, new long[] {}));
        assertBytesEqual("npy_f4_1d.npy", new FloatArray(new float[] {0f, 1f / 3, 2f / 3, 1f, 4f / 3}, new long[] {5}));
        assertBytesEqual("npy_f4_empty.npy", new FloatArray(new float[0], new long[] {0, 4}));
    }

    private static void assertBytesEqual(String golden, FloatArray array) throws IOException {
        assertArrayEquals(Files.readAllBytes(Golden.path(golden)), Npy.toBytes(array), golden);
    }

    @Test
    void readsFloat32FilesWrittenByNumpy() {
        FloatArray a = Golden.npy("npy_f4_2x3.npy");
        assertArrayEquals(new long[] {2, 3}, a.shape());
        assertArrayEquals(new float[] {0f, -1.5f, 3.25f, 1e-8f, 65504f, -0f}, a.data());
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(a.data()[5]), "sign of zero kept");
        assertArrayEquals(new long[] {}, Golden.npy("npy_f4_scalar.npy").shape());
        assertArrayEquals(new long[] {0, 4}, Golden.npy("npy_f4_empty.npy").shape());
    }

    @Test
    void readsFloat64AndRoundsToFloat32LikeAstype() {
        FloatArray a = Golden.npy("npy_f8_2x2.npy");
        assertArrayEquals(new long[] {2, 2}, a.shape());
        assertArrayEquals(new float[] {(float) 0.1, -2f, Float.POSITIVE_INFINITY, (float) (1.0 / 3)}, a.data());
    }

    @Test
    void rejectsOtherDtypesNamingTheDtypeAndTheFix() {
        var e = assertThrows(NpyFormatException.class, () -> Npy.read(Golden.path("npy_i4.npy")));
        assertTrue(e.getMessage().contains("npy_i4.npy"), e.getMessage());
        assertTrue(e.getMessage().contains("'<i4'"), e.getMessage());
        assertTrue(e.getMessage().contains("astype"), e.getMessage());
        var big = assertThrows(NpyFormatException.class, () -> Npy.read(Golden.path("npy_f4_big_endian.npy")));
        assertTrue(big.getMessage().contains("'>f4'"), big.getMessage());
    }

    @Test
    void rejectsFortranOrder() {
        var e = assertThrows(NpyFormatException.class, () -> Npy.read(Golden.path("npy_f4_fortran.npy")));
        assertTrue(e.getMessage().contains("Fortran"), e.getMessage());
        assertTrue(e.getMessage().contains("np.ascontiguousarray"), e.getMessage());
    }

    @Test
    void rejectsAFileThatIsNotNpy() throws IOException {
        Path p = dir.resolve("x.npy");
        Files.writeString(p, "hello");
        var e = assertThrows(NpyFormatException.class, () -> Npy.read(p));
        assertTrue(e.getMessage().contains("is not a .npy file"), e.getMessage());
        assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
    }

    @Test
    void rejectsTruncatedAndOverlongData() throws IOException {
        byte[] good = Files.readAllBytes(Golden.path("npy_f4_2x3.npy"));
        Path cut = dir.resolve("cut.npy");
        Files.write(cut, Arrays.copyOf(good, good.length - 3));
        var e = assertThrows(NpyFormatException.class, () -> Npy.read(cut));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());

        Path longer = dir.resolve("long.npy");
        Files.write(longer, Arrays.copyOf(good, good.length + 4));
        var e2 = assertThrows(NpyFormatException.class, () -> Npy.read(longer));
        assertTrue(e2.getMessage().contains("should hold 24 data bytes"), e2.getMessage());

        Path header = dir.resolve("header.npy");
        Files.write(header, Arrays.copyOf(good, 40));
        var e3 = assertThrows(NpyFormatException.class, () -> Npy.read(header));
        assertTrue(e3.getMessage().contains("truncated inside its .npy header"), e3.getMessage());
    }

    @Test
    void rejectsAnUnknownFormatVersionAndAMissingKey() throws IOException {
        byte[] good = Files.readAllBytes(Golden.path("npy_f4_2x3.npy"));
        byte[] v9 = good.clone();
        v9[6] = 9;
        Path p = dir.resolve("v9.npy");
        Files.write(p, v9);
        assertTrue(assertThrows(NpyFormatException.class, () -> Npy.read(p)).getMessage().contains("version 9"));

        Path noShape = dir.resolve("noshape.npy");
        Files.write(noShape, v1("{'descr': '<f4', 'fortran_order': False, }", new byte[0]));
        var e = assertThrows(NpyFormatException.class, () -> Npy.read(noShape));
        assertTrue(e.getMessage().contains("'shape'"), e.getMessage());
    }

    @Test
    void readsVersion2Headers() throws IOException {
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }";
        byte[] text = (dict + " ".repeat(64 - (12 + dict.length() + 1) % 64) + "\n").getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(12 + text.length + 8).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0}).putInt(text.length).put(text).putFloat(1.5f).putFloat(-2f);
        Path p = dir.resolve("v2.npy");
        Files.write(p, b.array());
        FloatArray a = Npy.read(p);
        assertArrayEquals(new long[] {2}, a.shape());
        assertArrayEquals(new float[] {1.5f, -2f}, a.data());
    }

    @Test
    void headerIsPaddedToAMultipleOf64Bytes() {
        for (long[] shape : new long[][] {{}, {1}, {3, 224, 224}, {123456789, 0}, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}}) {
            byte[] h = Npy.header(shape);
            assertEquals(0, h.length % 64, Arrays.toString(shape));
            assertEquals('\n', h[h.length - 1]);
            assertEquals(h.length - 10, (h[8] & 0xff) | (h[9] & 0xff) << 8, "header length field");
        }
    }

    @Test
    void writeThenReadRoundTripsThroughAFileAtomically() throws IOException {
        float[] data = new float[3 * 5 * 7];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) Math.sin(i) * 1e3f;
        }
        data[4] = Float.NaN;
        FloatArray a = new FloatArray(data, new long[] {3, 5, 7});
        Path p = dir.resolve("out/map.npy");
        Npy.write(p, a);
        assertEquals(a, Npy.read(p));
        try (Stream<Path> files = Files.list(p.getParent())) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    private static byte[] v1(String dict, byte[] data) {
        byte[] text = (dict + "\n").getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(10 + text.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) text.length).put(text).put(data);
        return b.array();
    }
}
