import { Badge, Caption1, makeStyles, Spinner, Text, tokens } from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import type { Revision } from '../../../../shared/src/contract/api-types';
import { describeError } from '../../api/describe-error';
import { useApp } from '../app-context';
import { Notice, type NoticeState } from '../components/notice';
import { formatDateTime } from '../format';

const useStyles = makeStyles({
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  item: {
    padding: tokens.spacingHorizontalM,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusMedium,
    boxShadow: tokens.shadow2,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
  },
  head: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  note: { color: tokens.colorNeutralForeground2, fontStyle: 'italic' },
  changes: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
});

/** The period's revisions, newest first, each with its note and what it changed. */
export function HistoryList({
  departmentId,
  period,
  refreshKey,
}: {
  departmentId: string;
  period: string;
  refreshKey: number;
}) {
  const { api, lang, s, catalogue } = useApp();
  const styles = useStyles();
  const [revisions, setRevisions] = useState<Revision[] | null>(null);
  const [notice, setNotice] = useState<NoticeState | null>(null);

  const load = useCallback(async () => {
    setNotice(null);
    setRevisions(null);
    if (refreshKey === 0) {
      setRevisions([]);
      return;
    }
    try {
      setRevisions((await api.history(departmentId, period)).revisions);
    } catch (error) {
      const d = describeError(error, lang);
      if (d.code === 'not-found') setRevisions([]);
      else setNotice({ intent: 'error', text: d.message, retry: () => void load() });
    }
  }, [api, departmentId, period, lang, refreshKey]);

  useEffect(() => {
    void load();
  }, [load]);

  if (notice) return <Notice notice={notice} />;
  if (!revisions) return <Spinner size="small" label={s.loading} />;
  if (revisions.length === 0) return <Text>{s.noRevisions}</Text>;
  const name = (id: string) => catalogue.metrics.get(id)?.name[lang] ?? id;
  return (
    <ol className={styles.list} aria-label={s.tabHistory} data-testid="history">
      {[...revisions].reverse().map((rev) => {
        const previous = revisions.find((r) => r.version === rev.version - 1);
        const changed = previous
          ? Object.keys(rev.values).filter((k) => rev.values[k] !== previous.values[k])
          : [];
        return (
          <li key={rev.version} className={styles.item}>
            <div className={styles.head}>
              <Badge appearance="tint" color="brand">
                {s.version(rev.version)}
              </Badge>
              <Caption1>
                {formatDateTime(rev.submittedAt, lang)} · {rev.submittedByName ?? rev.submittedBy}
              </Caption1>
            </div>
            <Text className={styles.note}>{rev.note ?? s.noteNone}</Text>
            {changed.length > 0 && (
              <ul className={styles.changes} aria-label={s.changes}>
                {changed.map((k) => (
                  <li key={k}>
                    <Caption1>
                      {name(k)}: {previous?.values[k]} → {rev.values[k]}
                    </Caption1>
                  </li>
                ))}
              </ul>
            )}
          </li>
        );
      })}
    </ol>
  );
}
