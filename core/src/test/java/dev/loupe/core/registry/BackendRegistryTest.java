package dev.loupe.core.registry;

import dev.loupe.core.spi.SpiVersion;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;
import dev.loupe.core.model.ExplainableModel;
import dev.loupe.core.model.ModelSpec;
import dev.loupe.core.spi.BackendProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackendRegistryTest {

    /** Recognizes files that start with its magic bytes, as a backend sniffs a model's content. */
    static class FakeBackend implements BackendProvider {
        private final String name;
        private final byte[] magic;
        private final String accepts;
        final List<Path> asked = new ArrayList<>();

        FakeBackend(String name, String magic, String accepts) {
            this.name = name;
            this.magic = magic.getBytes(StandardCharsets.US_ASCII);
            this.accepts = accepts;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String spiVersion() {
            return SpiVersion.CURRENT;
        }

        @Override
        public boolean recognizes(Path modelFile) {
            asked.add(modelFile);
            try (InputStream in = Files.newInputStream(modelFile)) {
                return Arrays.equals(in.readNBytes(magic.length), magic);
            } catch (IOException e) {
                return false;
            }
        }

        @Override
        public String accepts() {
            return accepts;
        }

        @Override
        public ExplainableModel open(ModelSpec spec) {
            throw new UnsupportedOperationException("nothing is opened in these tests");
        }
    }

    static final class OtherFakeBackend extends FakeBackend {
        OtherFakeBackend(String name) {
            super(name, "X", "x files");
        }
    }

    @TempDir
    Path dir;

    private final FakeBackend djl = new FakeBackend("djl", "PK", "TorchScript archives (.pt) saved with torch.jit.save");
    private final FakeBackend onnx = new FakeBackend("onnx", "\u0008", "ONNX models (.onnx)");
    private BackendRegistry registry;
    private Path torchScript;
    private Path onnxModel;
    private Path text;

    @BeforeEach
    void setUp() throws IOException {
        registry = new BackendRegistry(List.of(onnx, djl));
        torchScript = Files.write(dir.resolve("resnet18.pt"), "PK\u0003\u0004rest".getBytes(StandardCharsets.US_ASCII));
        onnxModel = Files.write(dir.resolve("model.onnx"), "\u0008\u0007graph".getBytes(StandardCharsets.US_ASCII));
        text = Files.writeString(dir.resolve("notes.txt"), "not a model");
    }

    @Test
    void chooseByName() {
        assertSame(djl, registry.choose("djl", torchScript));
        assertSame(onnx, registry.choose("onnx", onnxModel));
    }

    @Test
    void aNamedBackendIsUsedEvenIfItWouldNotRecognizeTheFile() {
        // the user forced it: the backend itself reports what is wrong with the file when it opens it
        assertSame(onnx, registry.choose("onnx", torchScript));
        assertTrue(onnx.asked.isEmpty(), "a named backend is not asked to sniff");
    }

    @Test
    void unknownBackendListsTheAvailableOnesAndSuggests() {
        LoupeException e = assertThrows(LoupeException.class, () -> registry.choose("dj1", torchScript));
        assertEquals(ErrorKind.USAGE, e.kind());
        String m = e.getMessage();
        assertTrue(m.contains("Unknown backend 'dj1'"), m);
        assertTrue(m.contains("Did you mean 'djl'?"), m);
        assertTrue(m.contains("Available backends: djl, onnx."), m);

        LoupeException far = assertThrows(LoupeException.class, () -> registry.choose("tensorflow", torchScript));
        assertFalse(far.getMessage().contains("Did you mean"), far.getMessage());
        assertTrue(far.getMessage().contains("Available backends: djl, onnx."), far.getMessage());
    }

    @Test
    void autoChoosesTheBackendThatRecognizesTheFile() {
        assertSame(djl, registry.choose(BackendRegistry.AUTO, torchScript));
        assertSame(onnx, registry.choose("auto", onnxModel));
    }

    @Test
    void noNameMeansAuto() {
        assertSame(djl, registry.choose(null, torchScript));
        assertSame(onnx, registry.choose(null, onnxModel));
    }

    @Test
    void autoIsDeterministicWhenSeveralRecognize() {
        FakeBackend a = new FakeBackend("zeta", "PK", "zip files");
        FakeBackend b = new FakeBackend("alpha", "PK", "zip files too");
        assertSame(b, new BackendRegistry(List.of(a, b)).choose("auto", torchScript));
        assertSame(b, new BackendRegistry(List.of(b, a)).choose("auto", torchScript), "order on the class path does not matter");
    }

    @Test
    void whenNoneRecognizesTheMessageListsBackendsAndWhatTheyAccept() {
        LoupeException e = assertThrows(LoupeException.class, () -> registry.choose("auto", text));
        assertEquals(ErrorKind.INPUT, e.kind());
        String m = e.getMessage();
        assertTrue(m.contains(text.toString()), m);
        assertTrue(m.contains("djl: TorchScript archives (.pt) saved with torch.jit.save"), m);
        assertTrue(m.contains("onnx: ONNX models (.onnx)"), m);
        assertTrue(m.indexOf("djl:") < m.indexOf("onnx:"), m);
        assertEquals(List.of(text), djl.asked);
        assertEquals(List.of(text), onnx.asked);
    }

    @Test
    void missingModelFileIsAnInputErrorNamingThePath() {
        Path missing = dir.resolve("no-such-model.pt");
        for (String name : Arrays.asList("auto", "djl", null, "no-such-backend")) {
            LoupeException e = assertThrows(LoupeException.class, () -> registry.choose(name, missing), String.valueOf(name));
            assertEquals(ErrorKind.INPUT, e.kind());
            assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        }
        assertTrue(djl.asked.isEmpty() && onnx.asked.isEmpty(), "nothing sniffs a missing file");
    }

    @Test
    void aFolderIsAcceptedAndSniffedLikeAFile() throws IOException {
        // a TensorFlow SavedModel is a folder; the backends decide whether a folder is theirs
        Path savedModel = Files.createDirectory(dir.resolve("saved_model"));
        FakeBackend folders = new FakeBackend("tensorflow", "", "SavedModel folders") {
            @Override
            public boolean recognizes(Path modelFile) {
                asked.add(modelFile);
                return Files.isDirectory(modelFile);
            }
        };
        BackendRegistry withFolders = new BackendRegistry(List.of(djl, folders));
        assertSame(folders, withFolders.choose("auto", savedModel));
        assertSame(djl, withFolders.choose("djl", savedModel), "a named backend reports a folder it cannot read itself");
        assertEquals(List.of(savedModel), djl.asked, "djl was asked and said no");
    }

    @Test
    void aFolderNoBackendReadsIsAnInputErrorListingTheBackends() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("resnet18"));
        LoupeException e = assertThrows(LoupeException.class, () -> registry.choose("auto", folder));
        assertEquals(ErrorKind.INPUT, e.kind());
        assertTrue(e.getMessage().contains("No backend recognizes " + folder), e.getMessage());
    }

    @Test
    void somethingNeitherFileNorFolderIsAnInputError() {
        Path device = Path.of("/dev/null");
        Assumptions.assumeTrue(Files.exists(device) && !Files.isRegularFile(device), "needs /dev/null");
        LoupeException e = assertThrows(LoupeException.class, () -> registry.choose("djl", device));
        assertEquals(ErrorKind.INPUT, e.kind());
        assertTrue(e.getMessage().contains("/dev/null is neither a file nor a folder"), e.getMessage());
    }

    @Test
    void unreadableFolderSaysSo() throws IOException {
        Path locked = Files.createDirectory(dir.resolve("locked_model"));
        BackendRegistry denying = new BackendRegistry(List.of(djl), path -> !path.equals(locked));
        LoupeException e = assertThrows(LoupeException.class, () -> denying.choose("djl", locked));
        assertEquals(ErrorKind.INPUT, e.kind());
        assertTrue(e.getMessage().contains("Model folder " + locked + " is not readable"), e.getMessage());
    }

    @Test
    void unreadableModelFileSaysSo() throws IOException {
        // File permissions cannot show this as root (CI runs as root), so the check is driven directly.
        Path locked = Files.write(dir.resolve("locked.pt"), new byte[] {'P', 'K'});
        BackendRegistry denying = new BackendRegistry(List.of(djl), path -> !path.equals(locked));
        LoupeException e = assertThrows(LoupeException.class, () -> denying.choose("auto", locked));
        assertEquals(ErrorKind.INPUT, e.kind());
        assertTrue(e.getMessage().contains("not readable") && e.getMessage().contains("locked.pt"), e.getMessage());
        assertSame(djl, denying.choose("djl", Files.write(dir.resolve("open.pt"), new byte[] {'P', 'K'})));
    }

    @Test
    void duplicateBackendNamesNameBothClasses() {
        LoupeException e = assertThrows(LoupeException.class,
                () -> new BackendRegistry(List.of(djl, new OtherFakeBackend("djl"))));
        assertEquals(ErrorKind.INTERNAL, e.kind());
        assertTrue(e.getMessage().contains("'djl'"), e.getMessage());
        assertTrue(e.getMessage().contains(FakeBackend.class.getName() + " ("), e.getMessage());
        assertTrue(e.getMessage().contains(OtherFakeBackend.class.getName() + " ("), e.getMessage());
    }

    @Test
    void allIsSortedByName() {
        assertEquals(List.of("djl", "onnx"), registry.all().stream().map(BackendProvider::name).toList());
    }

    @Test
    void loadFindsNoBackendInCore() {
        assertTrue(BackendRegistry.load().all().isEmpty());
    }
}
