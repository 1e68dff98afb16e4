package dev.loupe.methods.contract;

import java.util.Map;

class IntegratedGradientsContractTest extends QuickstartContract {

    @Override
    String method() {
        return "integrated-gradients";
    }

    @Override
    protected Map<String, Object> parameters() {
        return Map.of("steps", 8L);
    }
}
