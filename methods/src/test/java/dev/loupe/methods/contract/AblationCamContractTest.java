package dev.loupe.methods.contract;

import java.util.Map;

class AblationCamContractTest extends QuickstartContract {

    @Override
    String method() {
        return "ablation-cam";
    }

    @Override
    protected Map<String, Object> parameters() {
        return Map.of("layer", "features.13");
    }
}
