package dev.loupe.methods.contract;

import java.util.Map;

class GradCamPlusPlusContractTest extends QuickstartContract {

    @Override
    String method() {
        return "grad-cam-plus-plus";
    }

    @Override
    protected Map<String, Object> parameters() {
        return Map.of("layer", "features.13");
    }
}
