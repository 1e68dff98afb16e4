package dev.loupe.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * bom/pom.xml has no parent (so that importing it pins nothing but Loupe and its engines), so
 * nothing keeps it in step with the build by itself: this test does. Every module that is
 * published (all but the test-only ones) is listed, and its version and the engine versions
 * equal the root pom's.
 */
class BomTest {

    /** Modules that hold only tests or samples: nothing to depend on. */
    static final Set<String> NOT_PUBLISHED = Set.of("backend-parity", "config-samples", "architecture-tests", "bom");

    @Test
    void theBomListsEveryPublishedModuleWithTheBuildsVersions() throws Exception {
        Path root = repositoryRoot();
        Element parent = read(root.resolve("pom.xml"));
        Element bom = read(root.resolve("bom/pom.xml"));
        String version = child(parent, "version");
        assertThat(child(bom, "version")).as("loupe-bom's own version").isEqualTo(version);
        Element bomProperties = first(bom, "properties");
        assertThat(child(bomProperties, "loupe.version")).isEqualTo(version);
        Element properties = first(parent, "properties");
        for (String engine : List.of("djl.version", "pytorch.native.version", "pytorch.jni.version", "tensorflow.version")) {
            assertThat(child(bomProperties, engine)).as(engine).isEqualTo(child(properties, engine));
        }

        List<String> managed = new ArrayList<>();
        NodeList dependencies = first(bom, "dependencyManagement").getElementsByTagName("dependency");
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element d = (Element) dependencies.item(i);
            if (child(d, "groupId").equals("dev.loupe")) {
                managed.add(child(d, "artifactId"));
            }
        }
        List<String> published = new ArrayList<>();
        NodeList modules = first(parent, "modules").getElementsByTagName("module");
        for (int i = 0; i < modules.getLength(); i++) {
            String module = modules.item(i).getTextContent().trim();
            if (!NOT_PUBLISHED.contains(module)) {
                published.add(child(read(root.resolve(module).resolve("pom.xml")), "artifactId"));
            }
        }
        assertThat(managed).containsExactlyInAnyOrderElementsOf(published);
    }

    /**
     * A TensorFlow-only user must not download libtorch, nor a PyTorch-only user TensorFlow: the
     * modules such a user takes besides one backend (api and what it brings, methods) declare no
     * engine and no backend outside test scope. Their own dependencies are checked too, so the
     * whole transitive set is covered.
     */
    @Test
    void theEntryPointAndTheMethodsPullNoEngine() throws Exception {
        Path root = repositoryRoot();
        for (String module : List.of("api", "core", "render", "methods")) {
            NodeList dependencies = read(root.resolve(module).resolve("pom.xml")).getElementsByTagName("dependency");
            for (int i = 0; i < dependencies.getLength(); i++) {
                Element d = (Element) dependencies.item(i);
                String scope = d.getElementsByTagName("scope").getLength() > 0 ? child(d, "scope") : "compile";
                String coordinates = child(d, "groupId") + ":" + child(d, "artifactId");
                if (!scope.equals("test")) {
                    assertThat(coordinates).as(module + " depends on " + coordinates + " (" + scope + ")")
                            .doesNotStartWith("ai.djl").doesNotStartWith("org.tensorflow")
                            .doesNotStartWith("dev.loupe:loupe-backend");
                }
            }
        }
    }

    private static Path repositoryRoot() {
        String fixtures = System.getProperty("loupe.fixtures");
        Path root = fixtures != null ? Path.of(fixtures).getParent() : Path.of("").toAbsolutePath().getParent();
        if (!Files.isRegularFile(root.resolve("bom/pom.xml"))) {
            throw new IllegalStateException("bom/pom.xml not found under " + root);
        }
        return root;
    }

    private static Element read(Path pom) throws Exception {
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
        return doc.getDocumentElement();
    }

    /** The first direct child element named {@code name}. */
    private static Element first(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        throw new AssertionError("no <" + name + "> in <" + parent.getTagName() + ">");
    }

    private static String child(Element parent, String name) {
        return first(parent, name).getTextContent().trim();
    }
}
