// Electron's security checklist applied to every web contents: no new windows, no navigation away, no webviews,
// no permissions, no remote content (the dev server only when not packaged), devtools only when not packaged.
// The rules themselves are in core/window (tested there); this file only applies them.
import { app, session, type WebContents } from 'electron';
import { isAllowedNavigation, isAllowedRequest, type WindowPolicy } from '../core/window';

export function lockDownWebContents(policy: WindowPolicy): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (event, url) => {
      if (!isAllowedNavigation(url, policy)) event.preventDefault();
    });
    contents.on('will-frame-navigate', (event) => {
      if (!isAllowedNavigation(event.url, policy)) event.preventDefault();
    });
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    if (!policy.devTools) contents.on('devtools-opened', () => contents.closeDevTools());
  });

  app.whenReady().then(
    () => {
      const ses = session.defaultSession;
      ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
      ses.setPermissionCheckHandler(() => false);
      ses.webRequest.onBeforeRequest(
        { urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] },
        (details, callback) => callback({ cancel: !isAllowedRequest(details.url, policy) }),
      );
    },
    () => undefined,
  );
}
