package dev.loupe.methods.contract;

import java.util.Map;

class EigenCamContractTest extends QuickstartContract {

    @Override
    String method() {
        return "eigen-cam";
    }

    @Override
    protected Map<String, Object> parameters() {
        return Map.of("layer", "features.13");
    }
}
