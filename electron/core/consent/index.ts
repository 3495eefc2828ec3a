// The consent domain's public face: what other domains, the IPC bindings and the CLI may use.
export {
  allPeople,
  consentOn,
  getPerson,
  listPeople,
  peopleFingerprint,
} from './registry';
export { getChannel, listChannels } from './channels';
