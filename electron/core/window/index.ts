// The window's trust rules (app URL, IPC senders, navigation, network, menu) and the app protocol's files.
export { resolveAppAsset, type AppAssetResolution } from './appProtocol';
export {
  APP_ENTRY_URL,
  APP_HOST,
  APP_SCHEME,
  isAllowedNavigation,
  isAllowedRequest,
  isAppPageUrl,
  isTrustedSender,
  menuTemplate,
  windowPolicy,
  type IpcSender,
  type MenuEntry,
  type WindowPolicy,
} from './policy';
