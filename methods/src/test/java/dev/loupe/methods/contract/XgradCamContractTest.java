package dev.loupe.methods.contract;

import java.util.Map;

class XgradCamContractTest extends QuickstartContract {

    @Override
    String method() {
        return "xgrad-cam";
    }

    @Override
    protected Map<String, Object> parameters() {
        return Map.of("layer", "features.13");
    }
}
