package dev.loupe.backend.djl.torchscript;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes archives laid out like torch.jit.save output (folder {@code m/}, data.pkl starting with
 * the root class GLOBAL, code/ sources) from hand-written TorchScript, for cases no real model
 * shows. They are only parsed and planned, never loaded by libtorch.
 */
final class SyntheticArchive {

    private SyntheticArchive() {
    }

    /** @param sources module qualifier ({@code __torch__.m}) to source text */
    static Path write(Path file, String rootClass, Map<String, String> sources) {
        int dot = rootClass.lastIndexOf('.');
        String pickle = "\u0080\u0002c" + rootClass.substring(0, dot) + "\n" + rootClass.substring(dot + 1) + "\nq\u0000)\u0081}.";
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            put(zip, "m/data.pkl", pickle.getBytes(StandardCharsets.ISO_8859_1));
            for (Map.Entry<String, String> source : sources.entrySet()) {
                put(zip, "m/code/" + source.getKey().replace('.', '/') + ".py", source.getValue().getBytes(StandardCharsets.UTF_8));
                put(zip, "m/code/" + source.getKey().replace('.', '/') + ".py.debug_pkl", new byte[] {1, 2, 3});
            }
            put(zip, "m/data/0", new byte[64]);
            put(zip, "m/version", "3\n".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }
}
