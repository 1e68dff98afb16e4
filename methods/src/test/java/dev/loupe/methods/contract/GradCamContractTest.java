package dev.loupe.methods.contract;

import java.util.Map;

class GradCamContractTest extends QuickstartContract {

    @Override
    String method() {
        return "grad-cam";
    }

    @Override
    protected Map<String, Object> parameters() {
        return Map.of("layer", "features.13");
    }
}
