package dev.loupe.methods.contract;

import java.util.Map;

class LayerCamContractTest extends QuickstartContract {

    @Override
    String method() {
        return "layer-cam";
    }

    @Override
    protected Map<String, Object> parameters() {
        return Map.of("layer", "features.13");
    }
}
