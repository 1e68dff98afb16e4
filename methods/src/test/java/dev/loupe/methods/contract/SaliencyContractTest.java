package dev.loupe.methods.contract;

class SaliencyContractTest extends QuickstartContract {

    @Override
    String method() {
        return "saliency";
    }
}
