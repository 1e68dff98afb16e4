package dev.loupe.methods.contract;

class CamContractTest extends QuickstartContract {

    @Override
    String method() {
        return "cam";
    }
}
