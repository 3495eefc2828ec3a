// The post's caption, checked as it is typed (shared/captionCheck.ts in main, against the registry): each finding
// marked in the text and listed with its rule. The caption goes with the export into the audit trail.
import { useId } from 'react';
import type { CaptionFinding } from '../../../../shared/captionCheck';
import { call } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useQuery } from '../../components/useQuery';
import { useI18n } from '../../i18n';

/** The caption with every finding marked (overlapping findings merged into one mark). */
function MarkedCaption({ text, findings }: { text: string; findings: readonly CaptionFinding[] }) {
  const ranges: Array<{ start: number; end: number }> = [];
  for (const { start, end } of [...findings].sort((a, b) => a.start - b.start)) {
    const last = ranges[ranges.length - 1];
    if (last && start <= last.end) last.end = Math.max(last.end, end);
    else ranges.push({ start, end });
  }
  const parts: Array<{ text: string; marked: boolean }> = [];
  let at = 0;
  for (const range of ranges) {
    if (range.start > at) parts.push({ text: text.slice(at, range.start), marked: false });
    parts.push({ text: text.slice(range.start, range.end), marked: true });
    at = range.end;
  }
  if (at < text.length) parts.push({ text: text.slice(at), marked: false });
  return (
    <p className="caption-marked">
      {parts.map((part, index) => (part.marked ? <mark key={index}>{part.text}</mark> : part.text))}
    </p>
  );
}

export function CaptionField({ caption, onCaption }: { caption: string; onCaption: (next: string) => void }) {
  const { t } = useI18n();
  const id = useId();
  const check = useQuery(
    caption,
    () => (caption.trim() ? call('checkCaption', { text: caption }) : Promise.resolve([])),
    { delayMs: 250 },
  );
  const findings = check.data ?? [];
  const current = !check.loading && caption.trim() !== '';
  return (
    <div className="caption-check">
      <label className="caption-label" htmlFor={`${id}-caption`}>
        {t('ui.publish.caption')}
      </label>
      <textarea
        id={`${id}-caption`}
        name="caption"
        rows={3}
        maxLength={10_000}
        value={caption}
        onChange={(event) => onCaption(event.target.value)}
        aria-describedby={`${id}-result`}
      />
      <small>{t('ui.publish.caption.help')}</small>
      <ErrorAlert error={check.error} />
      <div
        id={`${id}-result`}
        role="status"
        aria-live="polite"
        className={check.loading ? 'caption-result stale' : 'caption-result'}
      >
        {current && findings.length === 0 && <p className="caption-clean">{t('ui.publish.caption.clean')}</p>}
        {caption.trim() !== '' && findings.length > 0 && (
          <>
            <MarkedCaption text={caption} findings={findings} />
            <p className="caption-warn">{t('ui.publish.caption.findings', { count: findings.length })}</p>
            <ul className="caption-findings">
              {findings.map((finding) => (
                <li key={`${finding.rule}:${finding.start}:${finding.end}`} data-rule={finding.rule}>
                  {t('ui.publish.caption.finding', { text: finding.text, rule: t(finding.rule) })}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </div>
  );
}
