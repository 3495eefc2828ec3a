// The photos of a publish summary that will not go out as they are: why (blocked, needs review), and for an
// overridable block a reason to override it with (which blocks may be overridden is the policy's rule).
import { isMessageKey } from '../../../../shared/i18n';
import { OVERRIDE_REASON_MAX, overrideReasonOf } from '../../../../shared/policy';
import { call } from '../../api';
import { TableHead } from '../../components/TableHead';
import { useMediaBase } from '../../components/useMediaBase';
import { useQuery } from '../../components/useQuery';
import { useI18n } from '../../i18n';
import { statusTone, type PhotoDecisions } from '../library/decisions';

export function ProblemTable({
  problems,
  overrides,
  onOverrides,
  officer,
}: {
  problems: PhotoDecisions;
  /** Photo hash → the reason typed so far. */
  overrides: Readonly<Record<string, string>>;
  onOverrides: (overrides: Readonly<Record<string, string>>) => void;
  /** The user is privacy officer: a protected pupil's block takes their reason too. */
  officer: boolean;
}) {
  const { t } = useI18n();
  return (
    <section className="issues bad">
      <h3>{t('ui.publish.problems', { count: problems.length })}</h3>
      <table className="table compact">
        <TableHead columns={['ui.publish.col.source', 'ui.col.status', 'ui.photo.blockers', 'ui.publish.override']} />
        <tbody>
          {problems.map((item, index) => (
            <tr key={item.photoHash} data-hash={item.photoHash}>
              <td>
                <ProblemPhoto hash={item.photoHash} />
              </td>
              <td>
                <span className={`badge ${statusTone(item.decision.status)}`}>
                  {t(`ui.status.${item.decision.status}`)}
                </span>
              </td>
              <td>
                <ul className="plain">
                  {item.decision.blockers.map((blocker, i) => (
                    <li key={i}>
                      <ProblemText code={blocker.code} params={blocker.params} />
                    </li>
                  ))}
                </ul>
              </td>
              <td>
                {(item.decision.overridable || (item.decision.officerOverridable && officer)) && (
                  <label className="field">
                    <span className="visually-hidden">{t('ui.publish.overrideOf', { file: `${index + 1}` })}</span>
                    <input
                      type="text"
                      name={`override-${item.photoHash}`}
                      value={overrides[item.photoHash] ?? ''}
                      maxLength={OVERRIDE_REASON_MAX}
                      placeholder={t('ui.publish.override.help')}
                      onChange={(e) => onOverrides({ ...overrides, [item.photoHash]: e.target.value })}
                    />
                    {overrideReasonOf(overrides[item.photoHash]) && (
                      <small className="ok">{t('ui.publish.overridden')}</small>
                    )}
                  </label>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** A blocked photo's thumbnail and file name (the decision list carries hashes only). */
function ProblemPhoto({ hash }: { hash: string }) {
  const mediaBase = useMediaBase();
  const { data: photo } = useQuery(hash, () => call('getPhoto', { hash }));
  const name = photo?.paths[0]?.split(/[\\/]/).pop() ?? null;
  return (
    <span className="problem-photo">
      {mediaBase && <img src={`${mediaBase}thumbs/${hash}.webp`} alt="" />}
      <span>{name ?? hash.slice(0, 12)}</span>
    </span>
  );
}

/** A reason in words: a policy reason's text, or an error's. */
export function ProblemText({ code, params }: { code: string; params: Readonly<Record<string, string | number>> }) {
  const { t, tError } = useI18n();
  return <>{isMessageKey(code) ? t(code, params) : tError({ code, params })}</>;
}
