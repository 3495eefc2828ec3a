// Instellingen → Bestuur: this computer's connection to its school board's shared database. Connect (as `fotowacht
// connect`: tested, the password kept in the system's key store, never shown again), the status (who, which role
// and schools, encrypted or not, reachable now), the age of the local copy of the registry and how old it may be for
// an export offline, and disconnecting (back to single-laptop mode).
import { useId, useState, type FormEvent } from 'react';
import { BOARD_TLS_MODES, type BoardStatusView, type BoardTlsMode } from '../../../../shared/ipc/board';
import { call } from '../../api';
import { Busy } from '../../components/Busy';
import { DoneMessage } from '../../components/DoneMessage';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { noPath, PathField, pathHandle, spent, type PathValue } from '../../components/PathField';
import { useAction } from '../../components/useAction';
import { useQuery } from '../../components/useQuery';
import { useI18n } from '../../i18n';

export function BoardSection() {
  const { t } = useI18n();
  const ids = useId();
  const status = useQuery('boardStatus', () => call('getBoardStatus', { probe: true }));
  const action = useAction();
  const view = status.data;

  async function disconnect() {
    const done = await action.run(() => call('disconnectBoard', {}), { done: t('ui.board.disconnected') });
    if (done) status.setData(done.value);
  }

  return (
    <section className="settings-section" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>{t('ui.board.title')}</h2>
      <p className="muted">{t('ui.board.intro')}</p>
      {view === null && !status.error && <p>{t('common.loading')}</p>}
      {view && view.connection === null && (
        <>
          <p role="status">{t('ui.board.single')}</p>
          <ConnectForm onConnected={(next) => status.setData(next)} />
        </>
      )}
      {view?.connection && (
        <>
          <StatusFacts view={view} />
          <div className="actions">
            <button type="button" onClick={() => void status.reload()} disabled={status.loading}>
              {t('ui.board.check')}
            </button>
            <button type="button" onClick={() => void disconnect()} disabled={action.busy}>
              {t('ui.board.disconnect')}
            </button>
          </div>
          <p className="muted">{t('ui.board.disconnect.help')}</p>
        </>
      )}
      <ErrorAlert error={action.error ?? status.error} />
      <DoneMessage message={action.done} />
    </section>
  );
}

function StatusFacts({ view }: { view: BoardStatusView }) {
  const { t, tError } = useI18n();
  const connection = view.connection!;
  const reach =
    view.reachable === null
      ? t('ui.board.reach.unknown')
      : view.reachable
        ? view.encrypted
          ? t(view.verified ? 'ui.board.reach.verified' : 'ui.board.reach.encrypted')
          : t('ui.board.reach.plain')
        : t('ui.board.reach.not', {
            why: view.problem ? tError(view.problem) : '',
          });
  const hours = Math.floor((view.snapshot?.ageMinutes ?? 0) / 60);
  const minutes = (view.snapshot?.ageMinutes ?? 0) % 60;
  return (
    <dl className="facts" aria-label={t('ui.board.status')}>
      <dt>{t('ui.board.server')}</dt>
      <dd>
        <code>{connection.url}</code>
      </dd>
      <dt>{t('ui.board.user')}</dt>
      <dd>{t('ui.board.userRole', { user: connection.user, role: t(`ui.board.role.${roleKey(connection.role)}`) })}</dd>
      <dt>{t('ui.board.schools')}</dt>
      <dd>{connection.schools.length > 0 ? connection.schools.join(', ') : t('ui.board.schools.all')}</dd>
      <dt>{t('ui.board.reach')}</dt>
      <dd role="status" data-reachable={String(view.reachable)}>
        {reach}
      </dd>
      <dt>{t('ui.board.snapshot')}</dt>
      <dd>
        {view.snapshot
          ? t('ui.board.snapshot.age', {
              school: view.snapshot.schoolCode,
              at: new Date(view.snapshot.refreshedAt).toLocaleString(),
              hours,
              minutes,
              hash: view.snapshot.contentHash.slice(0, 12),
            })
          : t('ui.board.snapshot.none')}
      </dd>
      <dt>{t('ui.board.maxAge')}</dt>
      <dd>{t('ui.board.maxAge.value', { hours: view.snapshotMaxAgeHours })}</dd>
    </dl>
  );
}

const ROLES = ['privacy_officer', 'school_admin', 'communications', 'auditor'] as const;
function roleKey(role: string): (typeof ROLES)[number] | 'other' {
  return (ROLES as readonly string[]).includes(role) ? (role as (typeof ROLES)[number]) : 'other';
}

function ConnectForm({ onConnected }: { onConnected: (view: BoardStatusView) => void }) {
  const { t } = useI18n();
  const [host, setHost] = useState('');
  const [port, setPort] = useState('5432');
  const [database, setDatabase] = useState('fotowacht');
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [tls, setTls] = useState<BoardTlsMode>('prefer');
  const [caFile, setCaFile] = useState<PathValue>(noPath);
  const connecting = useAction();
  const portNumber = Number(port);
  const ready =
    host.trim() !== '' &&
    database.trim() !== '' &&
    user.trim() !== '' &&
    password !== '' &&
    Number.isInteger(portNumber) &&
    portNumber >= 1 &&
    portNumber <= 65535 &&
    (tls !== 'verify-full' || caFile.text.trim() !== '');

  async function connect(event: FormEvent) {
    event.preventDefault();
    if (!ready) return;
    const done = await connecting.run(
      async () => {
        const ca = tls === 'verify-full' ? await pathHandle('boardCaFile', caFile) : undefined;
        if (ca) setCaFile(spent(caFile));
        return call('connectBoard', {
          host: host.trim(),
          port: portNumber,
          database: database.trim(),
          user: user.trim(),
          password,
          tls,
          ...(ca ? { caFile: ca } : {}),
        });
      },
      { busy: 'ui.board.connecting' },
    );
    // The password leaves the screen either way: it is in the key store now, or it was wrong.
    setPassword('');
    if (done) onConnected(done.value);
  }

  return (
    <form className="form narrow" onSubmit={(event) => void connect(event)} aria-label={t('ui.board.connect')}>
      <Field label="ui.board.host">
        <input name="boardHost" value={host} spellCheck={false} onChange={(e) => setHost(e.target.value)} />
      </Field>
      <Field label="ui.board.port">
        <input name="boardPort" value={port} inputMode="numeric" onChange={(e) => setPort(e.target.value)} />
      </Field>
      <Field label="ui.board.database">
        <input name="boardDatabase" value={database} spellCheck={false} onChange={(e) => setDatabase(e.target.value)} />
      </Field>
      <Field label="ui.board.user">
        <input
          name="boardUser"
          value={user}
          spellCheck={false}
          autoComplete="username"
          onChange={(e) => setUser(e.target.value)}
        />
      </Field>
      <Field label="ui.board.password">
        <input
          name="boardPassword"
          type="password"
          value={password}
          autoComplete="current-password"
          onChange={(e) => setPassword(e.target.value)}
        />
      </Field>
      <Field label="ui.board.tls">
        <select name="boardTls" value={tls} onChange={(e) => setTls(e.target.value as BoardTlsMode)}>
          {BOARD_TLS_MODES.map((mode) => (
            <option key={mode} value={mode}>
              {t(`ui.board.tls.${mode}`)}
            </option>
          ))}
        </select>
      </Field>
      {tls === 'verify-full' && (
        <PathField
          label="ui.board.caFile"
          name="boardCaFile"
          value={caFile}
          onChange={setCaFile}
          purpose="boardCaFile"
        />
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={!ready || connecting.busy}>
          {t('ui.board.connect')}
        </button>
      </div>
      <Busy label={connecting.busyLabel} />
      <ErrorAlert error={connecting.error} />
    </form>
  );
}
