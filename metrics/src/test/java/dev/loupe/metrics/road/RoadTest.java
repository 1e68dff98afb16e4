package dev.loupe.metrics.road;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loupe.core.param.ParameterException;
import org.junit.jupiter.api.Test;

class RoadTest {

    @Test
    void percentagesAreParsedAndChecked() {
        assertArrayEquals(new double[] {5, 50, 95}, RoadProvider.percentages("5, 50,95"));
        for (String bad : new String[] {"0,10", "10,100", "20,10", "ten"}) {
            ParameterException e = assertThrows(ParameterException.class, () -> RoadProvider.percentages(bad));
            assertTrue(e.getMessage().contains("percentages"), e.getMessage());
        }
    }

    @Test
    void theProviderSaysWhichWayIsBetter() {
        RoadProvider provider = new RoadProvider();
        assertEquals("road", provider.name());
        assertEquals(dev.loupe.core.evaluate.MetricDirection.HIGHER_IS_BETTER, provider.direction());
    }
}
