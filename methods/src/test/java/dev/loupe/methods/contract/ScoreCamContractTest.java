package dev.loupe.methods.contract;

import java.util.Map;

class ScoreCamContractTest extends QuickstartContract {

    @Override
    String method() {
        return "score-cam";
    }

    @Override
    protected Map<String, Object> parameters() {
        return Map.of("layer", "features.13");
    }
}
