// One export write thread (started by writePhoto.ts): reads, re-hashes, renders, writes and checks the photos it
// is sent, with the registry's names it was given for their export.
import { serveRequests } from '../workers';
import { stagePublishedPhoto, type WriteReply, type WriteRequest } from './writePhoto';

const namesOf = new Map<string, readonly string[]>();

serveRequests<WriteRequest, WriteReply>(async (request) => {
  if (request.kind === 'names') {
    namesOf.set(request.key, request.names);
    return { value: null };
  }
  if (request.kind === 'forget') {
    namesOf.delete(request.key);
    return { value: null };
  }
  const names = namesOf.get(request.key);
  if (!names) throw new Error(`no names for export ${request.key}`);
  return { value: await stagePublishedPhoto(request.files, request.photo, request.settings, names) };
});
