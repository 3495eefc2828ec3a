// Proof outside the database: the trail's head to copy and keep, and a checkpoint signed with the privacy officer's
// key file (the key is read by the app, never stored by it).
import { useId, useState, type FormEvent } from 'react';
import { call } from '../../api';
import { Busy } from '../../components/Busy';
import { DoneMessage } from '../../components/DoneMessage';
import { ErrorAlert } from '../../components/ErrorAlert';
import { noPath, PathField, pathHandle, spent, type PathValue } from '../../components/PathField';
import { useAction } from '../../components/useAction';
import { useQuery } from '../../components/useQuery';
import { useI18n } from '../../i18n';

export function AuditProof() {
  const { t } = useI18n();
  const ids = useId();
  const head = useQuery('auditHead', () => call('getAuditHead', {}));
  const [keyPath, setKeyPath] = useState<PathValue>(noPath);
  const [target, setTarget] = useState<PathValue>(noPath);
  const [copied, setCopied] = useState<string | null>(null);
  const signing = useAction();
  const anchor = head.data ? `${head.data.seq}:${head.data.hash}` : '';

  async function copy() {
    if (!anchor) return;
    try {
      await navigator.clipboard.writeText(anchor);
    } catch {
      // No clipboard (a locked-down browser): the text field is selectable by hand.
    }
    setCopied(t('ui.audit.head.copied', { anchor }));
  }

  async function makeCheckpoint(event?: FormEvent) {
    event?.preventDefault();
    if (!keyPath.text.trim() || !target.text.trim()) return;
    const made = await signing.run(
      async () => {
        // Main checks both paths for their purpose and answers with single-use handles.
        const key = await pathHandle('auditPrivateKey', keyPath);
        const file = await pathHandle('auditCheckpoint', target);
        setKeyPath(spent(keyPath));
        setTarget(spent(target));
        return call('makeAuditCheckpoint', { key, file });
      },
      {
        busy: 'ui.audit.checkpoint.busy',
        done: (answer) =>
          t('ui.audit.checkpoint.made', { path: answer.path, seq: answer.seq, fingerprint: answer.keyFingerprint }),
      },
    );
    if (made) void head.reload();
  }

  return (
    <details className="panel proof">
      <summary>
        <h2 id={`${ids}-proof`}>{t('ui.audit.proof.title')}</h2>
      </summary>
      <p className="muted">{t('ui.audit.proof.intro')}</p>
      <div className="form-row">
        <label className="field grow">
          <span>{t('ui.audit.head.label')}</span>
          <input name="auditHead" readOnly value={anchor} onFocus={(e) => e.target.select()} />
        </label>
        <div className="actions">
          <button type="button" onClick={() => void copy()} disabled={!anchor}>
            {t('ui.audit.head.copy')}
          </button>
        </div>
      </div>
      <DoneMessage message={copied} />
      <form className="report-form" onSubmit={(event) => void makeCheckpoint(event)} aria-labelledby={`${ids}-proof`}>
        <p className="muted">{t('ui.audit.checkpoint.intro')}</p>
        {/* In a row of its own: a growing field in the column layout would stretch in height. */}
        <div className="form-row">
          <PathField
            label="ui.audit.checkpoint.key"
            name="checkpointKey"
            value={keyPath}
            onChange={setKeyPath}
            purpose="auditPrivateKey"
            placeholder="ui.audit.checkpoint.key.placeholder"
          />
        </div>
        <div className="form-row">
          <PathField
            label="ui.audit.checkpoint.path"
            name="checkpointPath"
            value={target}
            onChange={setTarget}
            purpose="auditCheckpoint"
            placeholder="ui.audit.checkpoint.path.placeholder"
          />
          <div className="actions">
            <button
              type="submit"
              className="primary"
              disabled={signing.busy || !keyPath.text.trim() || !target.text.trim()}
            >
              {t('ui.audit.checkpoint.make')}
            </button>
          </div>
        </div>
        <Busy label={signing.busyLabel} />
        <ErrorAlert error={signing.error ?? head.error} />
        <DoneMessage message={signing.done} />
      </form>
    </details>
  );
}
