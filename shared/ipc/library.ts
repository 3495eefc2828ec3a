// IPC methods of the photo library: folders, events, photos, regions, indexing.
export const libraryContract = {};
