// The IPC router and the binding of every contract method to the core.
export { createIpcRouter, type HandlerEnvironment } from './handlers';
export { IpcRouter, type IpcHandler, type IpcRouterOptions } from './router';
