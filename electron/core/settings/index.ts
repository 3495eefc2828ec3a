// The settings domain's public face.
export { getSettings, policySettings, updateSettings } from './settings';
export { deleteSetting, readSetting, writeSetting } from './repository';
export {
  grantPrivacyOfficer,
  isPrivacyOfficer,
  privacyOfficers,
  revokePrivacyOfficer,
  type PrivacyOfficerChange,
} from './roles';
