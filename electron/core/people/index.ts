// The people domain's public face: people in photos — the regions where someone is, the one rule for which of
// them count, matching tagged names to the registry, links users confirmed, and users' corrections.
export { addDrawnFace, dismissFaceRegion, markRegionGuest, restoreFaceRegion } from './corrections';
export { currentPeopleDirectory, loadPeopleDirectory, type DirectoryPerson, type PeopleDirectory } from './directory';
export { confirmedLinksInEvent, linkRegion, regionMatches, requireRegion } from './links';
export { decisionRegions, eventClasses, identifyRegion, matchRegionName, type ConsentLookup } from './matching';
export {
  countRegionsOfPhotos,
  DETECTOR_NAMESPACE,
  eraseRegionsOf,
  getRegion,
  insertFileRegions,
  namesOnPhotos,
  regionsOfPhoto,
  regionsOfPhotos,
  replaceDetectorRegions,
  USER_NAMESPACE,
  type NewDetectorRegion,
  type RegionCounts,
} from './repository';
export { registerPeopleHandlers } from './ipc';
export { linkedRegionRows, renumberRegionPeople, type LinkedRegionRow } from './transferRepository';
