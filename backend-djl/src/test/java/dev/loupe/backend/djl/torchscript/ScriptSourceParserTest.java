package dev.loupe.backend.djl.torchscript;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The parser on source as torch 1.13's torch.jit.save prints it (copied from real archives). */
class ScriptSourceParserTest {

    private static final String TRACED_CONTAINER = """
            class Sequential(Module):
              __parameters__ = []
              __buffers__ = []
              training : bool
              _is_full_backward_hook : Optional[bool]
              __annotations__["0"] = __torch__.torchvision.models.resnet.___torch_mangle_19.BasicBlock
              __annotations__["1"] = __torch__.torchvision.models.resnet.___torch_mangle_25.BasicBlock
              def forward(self: __torch__.torch.nn.modules.container.___torch_mangle_26.Sequential,
                argument_1: Tensor) -> Tensor:
                _1 = getattr(self, "1")
                _0 = getattr(self, "0")
                _2 = (_1).forward((_0).forward(argument_1, ), )
                return _2
            """;

    private static final String SCRIPTED_WITH_FUNCTIONS = """
            def relu(input: Tensor,
                inplace: bool=False) -> Tensor:
              if inplace:
                result = torch.relu_(input)
              else:
                result = torch.relu(input)
              return result
            class Conv2d(Module):
              __parameters__ = ["weight", "bias", ]
              __buffers__ = []
              weight : Tensor
              bias : Optional[Tensor]
              padding : Final[Tuple[int, int]] = (1, 1)
              padding_mode : Final[str] = "zeros"
              def forward(self: __torch__.torch.nn.modules.conv.___torch_mangle_7.Conv2d,
                input: Tensor) -> Tensor:
                weight = self.weight
                bias = self.bias
                _0 = (self)._conv_forward(input, weight, bias, )
                return _0
              def _conv_forward(self: __torch__.torch.nn.modules.conv.___torch_mangle_7.Conv2d,
                input: Tensor,
                weight: Tensor,
                bias: Optional[Tensor]) -> Tensor:
                _1 = torch.conv2d(input, weight, bias, [1, 1], [1, 1], [1, 1])
                return _1
            class Pair(NamedTuple):
              a : Tensor
              b : Tensor
            """;

    @Test
    void readsNumericSubmoduleAnnotationsAndAMultiLineHeader() {
        List<ScriptClass> classes = ScriptSourceParser.parse("__torch__.torch.nn.modules.container.___torch_mangle_26", TRACED_CONTAINER);

        assertEquals(1, classes.size());
        ScriptClass sequential = classes.get(0);
        assertEquals("__torch__.torch.nn.modules.container.___torch_mangle_26.Sequential", sequential.qualifiedName());
        assertTrue(sequential.isModule());
        assertEquals(List.of("training", "_is_full_backward_hook", "0", "1"),
                sequential.attributes().stream().map(ScriptAttribute::name).toList());
        assertEquals("__torch__.torchvision.models.resnet.___torch_mangle_19.BasicBlock", sequential.attribute("0").orElseThrow().type());
        ScriptMethod forward = sequential.method("forward").orElseThrow();
        assertEquals(List.of(new ScriptMethod.Param("argument_1", "argument_1: Tensor")), forward.params());
        assertEquals("Tensor", forward.returnType());
        assertEquals(4, forward.body().size());
        assertEquals(4, forward.bodyIndent());
        assertEquals("    _2 = (_1).forward((_0).forward(argument_1, ), )", forward.body().get(2).text());
        assertEquals(2, sequential.memberIndent());
        assertEquals(13, sequential.endLine());
    }

    @Test
    void skipsFreeFunctionsAndReadsConstantsParamsAndOtherClasses() {
        List<ScriptClass> classes = ScriptSourceParser.parse("__torch__.m", SCRIPTED_WITH_FUNCTIONS);

        assertEquals(List.of("Conv2d", "Pair"), classes.stream().map(ScriptClass::simpleName).toList());
        ScriptClass conv = classes.get(0);
        assertEquals("Final[Tuple[int, int]]", conv.attribute("padding").orElseThrow().type(), "the constant's value is not part of the type");
        assertEquals("Final[str]", conv.attribute("padding_mode").orElseThrow().type());
        ScriptMethod convForward = conv.method("_conv_forward").orElseThrow();
        assertEquals(List.of("input", "weight", "bias"), convForward.params().stream().map(ScriptMethod.Param::name).toList());
        assertEquals("bias: Optional[Tensor]", convForward.params().get(2).text());
        assertEquals(2, convForward.body().size());
        assertEquals("NamedTuple", classes.get(1).base());
        assertTrue(!classes.get(1).isModule());
    }

    @Test
    void keepsDefaultsInParameterText() {
        String source = """
                class M(Module):
                  def forward(self: __torch__.M,
                    x: Tensor,
                    scale: float=1.5,
                    dims: List[int]=[2, 3]) -> Tuple[Tensor, Tensor]:
                    return (x, x)
                """;

        ScriptMethod forward = ScriptSourceParser.parse("__torch__", source).get(0).method("forward").orElseThrow();

        assertEquals(List.of("x: Tensor", "scale: float=1.5", "dims: List[int]=[2, 3]"),
                forward.params().stream().map(ScriptMethod.Param::text).toList());
        assertEquals("Tuple[Tensor, Tensor]", forward.returnType());
    }

    @Test
    void reportsLayoutItDoesNotKnow() {
        String source = "class M(Module):\n    a : int\n  b : int\n";

        TorchScriptFormatException e = assertThrows(TorchScriptFormatException.class, () -> ScriptSourceParser.parse("__torch__", source));

        assertTrue(e.getMessage().contains("__torch__ line 3"), e.getMessage());
    }
}
