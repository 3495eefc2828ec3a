// Generated media (thumbnails, previews) in the data folder, and the protocol that serves only those.
export * from './protocol';
export * from './cache';
