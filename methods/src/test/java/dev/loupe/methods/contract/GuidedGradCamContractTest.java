package dev.loupe.methods.contract;

import java.util.Map;

class GuidedGradCamContractTest extends QuickstartContract {

    @Override
    String method() {
        return "guided-grad-cam";
    }

    @Override
    protected Map<String, Object> parameters() {
        return Map.of("layer", "features.13");
    }
}
