package dev.loupe.methods.contract;

class DeconvnetContractTest extends QuickstartContract {

    @Override
    String method() {
        return "deconvnet";
    }
}
