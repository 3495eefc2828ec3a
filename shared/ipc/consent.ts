// IPC methods of the consent registry: channels, people, consent imports, history, withdrawals.
export const consentContract = {};
