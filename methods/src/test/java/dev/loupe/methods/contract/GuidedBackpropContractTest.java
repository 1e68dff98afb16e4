package dev.loupe.methods.contract;

class GuidedBackpropContractTest extends QuickstartContract {

    @Override
    String method() {
        return "guided-backprop";
    }
}
