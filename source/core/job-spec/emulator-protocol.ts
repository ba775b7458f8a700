// What a client and the local emulator agree on: the call metadata that carries the owner's key.
// Shared so the server check and the client's header can never drift apart.
export const EMULATOR_KEY_HEADER = 'x-vtrain-emulator-key';
