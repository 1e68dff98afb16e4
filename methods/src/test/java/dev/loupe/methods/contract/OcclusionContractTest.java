package dev.loupe.methods.contract;

import java.util.Map;

class OcclusionContractTest extends QuickstartContract {

    @Override
    String method() {
        return "occlusion";
    }

    @Override
    protected Map<String, Object> parameters() {
        return Map.of("window", 20L, "stride", 20L);
    }
}
