package dev.loupe.methods.contract;

import java.util.Map;

class HiresCamContractTest extends QuickstartContract {

    @Override
    String method() {
        return "hires-cam";
    }

    @Override
    protected Map<String, Object> parameters() {
        return Map.of("layer", "features.13");
    }
}
