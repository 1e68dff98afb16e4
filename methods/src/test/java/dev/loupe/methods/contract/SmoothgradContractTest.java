package dev.loupe.methods.contract;

import java.util.Map;

class SmoothgradContractTest extends QuickstartContract {

    @Override
    String method() {
        return "smoothgrad";
    }

    @Override
    protected Map<String, Object> parameters() {
        return Map.of("samples", 4L);
    }
}
