package dev.loupe.methods.contract;

class InputXGradientContractTest extends QuickstartContract {

    @Override
    String method() {
        return "input-x-gradient";
    }
}
