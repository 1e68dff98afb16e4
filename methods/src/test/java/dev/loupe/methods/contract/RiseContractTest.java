package dev.loupe.methods.contract;

import java.util.Map;

class RiseContractTest extends QuickstartContract {

    @Override
    String method() {
        return "rise";
    }

    @Override
    protected Map<String, Object> parameters() {
        return Map.of("masks", 64L);
    }
}
