package dev.loupe.render.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void writesBytesCreatingParentFolders() throws IOException {
        Path p = dir.resolve("a/b/out.bin");
        AtomicFiles.writeBytes(p, new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(p));
        assertEquals(List.of("out.bin"), names(p.getParent()));
    }

    @Test
    void replacesAnExistingFile() throws IOException {
        Path p = dir.resolve("report.json");
        Files.writeString(p, "old");
        AtomicFiles.writeString(p, "new, ünïcode");
        assertEquals("new, ünïcode", Files.readString(p));
    }

    @Test
    void failureLeavesTheTargetUntouchedAndNoTemporaryFile() throws IOException {
        Path p = dir.resolve("map.npy");
        Files.writeString(p, "previous run");
        IOException thrown = assertThrows(IOException.class, () -> AtomicFiles.write(p, out -> {
            out.write(new byte[100_000]); // part of the content is already written when it fails
            throw new IOException("disk full");
        }));
        assertEquals("disk full", thrown.getMessage());
        assertEquals("previous run", Files.readString(p));
        assertEquals(List.of("map.npy"), names(dir));

        Path fresh = dir.resolve("fresh.png");
        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(fresh, out -> {
            throw new IllegalStateException("bug");
        }));
        assertEquals(List.of("map.npy"), names(dir), "nothing at all for a file that did not exist");
    }

    @Test
    void writesAPngThatReadsBackTheSame() throws IOException {
        BufferedImage img = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, 0x123456);
        img.setRGB(2, 1, 0xfedcba);
        Path p = dir.resolve("overlay.png");
        AtomicFiles.writePng(p, img);
        BufferedImage back = ImageIO.read(p.toFile());
        assertEquals(0x123456, back.getRGB(0, 0) & 0xffffff);
        assertEquals(0xfedcba, back.getRGB(2, 1) & 0xffffff);
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
