// Electron's security checklist applied to every web contents: no new windows, no navigation away,
// no webviews, no permissions, no remote content.
import { app, session, type WebContents } from 'electron';

export function isAppUrl(url: string, devServerUrl: string | undefined): boolean {
  if (devServerUrl && url.startsWith(devServerUrl)) return true;
  return url.startsWith('file://');
}

export function lockDownWebContents(devServerUrl: string | undefined): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (event, url) => {
      if (url !== contents.getURL()) event.preventDefault();
    });
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  app.whenReady().then(
    () => {
      const ses = session.defaultSession;
      ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
      ses.setPermissionCheckHandler(() => false);
      // No remote content: only the dev server (during `npm run dev`) may be reached over the network.
      const devHost = devServerUrl ? new URL(devServerUrl).host : undefined;
      ses.webRequest.onBeforeRequest(
        { urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] },
        (details, callback) => {
          callback({ cancel: devHost === undefined || new URL(details.url).host !== devHost });
        },
      );
    },
    () => undefined,
  );
}
