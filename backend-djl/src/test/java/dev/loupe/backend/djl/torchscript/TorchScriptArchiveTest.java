package dev.loupe.backend.djl.torchscript;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TorchScriptArchiveTest {

    @TempDir
    Path dir;

    @Test
    void readsPrefixRootClassAndSourcesOfATracedModel() {
        TorchScriptArchive archive = TorchScriptArchive.open(TestData.testModel("called_twice_traced"));

        assertEquals("called_twice_traced", archive.prefix());
        assertEquals("__torch__.CalledTwice", archive.rootClassName());
        assertTrue(archive.sources().containsKey("__torch__"), "code/__torch__.py holds classes defined in __main__");
        assertTrue(archive.sources().keySet().stream().anyMatch(q -> q.startsWith("__torch__.torch.nn.modules.conv.___torch_mangle_")),
                "mangled classes live in files named after the mangle: " + archive.sources().keySet());
    }

    /** Scripting mangles a class name that the same Python process has compiled before (here: traced first). */
    @Test
    void scriptedRootClassCarriesItsMangledModule() {
        TorchScriptArchive archive = TorchScriptArchive.open(TestData.testModel("called_twice_scripted"));

        assertTrue(archive.rootClassName().matches("__torch__\\.___torch_mangle_\\d+\\.CalledTwice"), archive.rootClassName());
        assertTrue(archive.sources().containsKey(archive.rootClassName().substring(0, archive.rootClassName().lastIndexOf('.'))));
    }

    @Test
    void readsTheFixtureModels() {
        TorchScriptArchive traced = TorchScriptArchive.open(TestData.fixture("models/resnet18_traced.pt"));
        TorchScriptArchive scripted = TorchScriptArchive.open(TestData.fixture("models/resnet18_scripted.pt"));

        assertEquals("__torch__.torchvision.models.resnet.ResNet", traced.rootClassName());
        assertTrue(scripted.rootClassName().matches("__torch__\\.torchvision\\.models\\.resnet\\.(___torch_mangle_\\d+\\.)?ResNet"),
                scripted.rootClassName());
    }

    @Test
    void rejectsAFileThatIsNotAZip() throws IOException {
        Path text = Files.writeString(dir.resolve("model.pt"), "not a TorchScript archive\n");

        TorchScriptFormatException e = assertThrows(TorchScriptFormatException.class, () -> TorchScriptArchive.open(text));

        assertTrue(e.getMessage().startsWith("not a TorchScript archive: "), e.getMessage());
        assertTrue(e.getMessage().contains("not a zip file"), e.getMessage());
        assertTrue(e.getMessage().contains("torch.jit.trace or torch.jit.script"), e.getMessage());
    }

    @Test
    void rejectsAStateDictSavedWithTorchSave() {
        Path stateDict = TestData.fixture("bad-input/state_dict.pt");

        TorchScriptFormatException e = assertThrows(TorchScriptFormatException.class, () -> TorchScriptArchive.open(stateDict));

        assertTrue(e.getMessage().contains("no code/ folder"), e.getMessage());
        assertTrue(e.getMessage().contains("state_dict saved with torch.save"), e.getMessage());
    }

    @Test
    void rejectsAZipWithoutDataPkl() throws IOException {
        Path zip = dir.resolve("other.zip");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("m/code/__torch__.py"));
            z.write("class A(Module):\n  pass\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            z.closeEntry();
        }

        TorchScriptFormatException e = assertThrows(TorchScriptFormatException.class, () -> TorchScriptArchive.open(zip));

        assertTrue(e.getMessage().contains("no m/data.pkl"), e.getMessage());
    }

    @Test
    void writesAStoredCopyWithoutDebugPklWithChangedAndAddedSources() throws IOException {
        Path original = SyntheticArchive.write(dir.resolve("in.pt"), "__torch__.M",
                Map.of("__torch__", "class M(Module):\n  def forward(self: __torch__.M,\n    x: Tensor) -> Tensor:\n    return x\n"));
        TorchScriptArchive archive = TorchScriptArchive.open(original);
        Path copy = dir.resolve("out.pt");

        archive.writeWithSources(copy, Map.of("__torch__", "changed\n", "__torch__.extra", "added\n"));

        Map<String, byte[]> entries = readAll(copy);
        assertEquals(List.of("m/data.pkl", "m/code/__torch__.py", "m/data/0", "m/version", "m/code/__torch__/extra.py"),
                new ArrayList<>(entries.keySet()), "order kept, .debug_pkl dropped, added files last");
        assertEquals("changed\n", new String(entries.get("m/code/__torch__.py"), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("added\n", new String(entries.get("m/code/__torch__/extra.py"), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(64, entries.get("m/data/0").length);
        try (ZipFile zip = new ZipFile(copy.toFile())) {
            zip.stream().forEach(e -> assertEquals(ZipEntry.STORED, e.getMethod(), e.getName() + " stored"));
        }
        assertEquals("__torch__.M", TorchScriptArchive.open(copy).rootClassName());
        assertFalse(Files.exists(dir.resolve("out.pt.part")), "no temporary file left");
    }

    @Test
    void refusesToOverwriteItsOwnFile() {
        Path original = SyntheticArchive.write(dir.resolve("in.pt"), "__torch__.M", Map.of("__torch__", "class M(Module):\n  x : int\n"));
        TorchScriptArchive archive = TorchScriptArchive.open(original);

        assertThrows(IllegalArgumentException.class, () -> archive.writeWithSources(original, Map.of()));
    }

    private static Map<String, byte[]> readAll(Path file) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (ZipEntry e : zip.stream().toList()) {
                try (InputStream in = zip.getInputStream(e)) {
                    entries.put(e.getName(), in.readAllBytes());
                }
            }
        }
        return entries;
    }
}
