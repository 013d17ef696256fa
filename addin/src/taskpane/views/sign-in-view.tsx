import { Button } from '@fluentui/react-button';
import { Spinner } from '@fluentui/react-spinner';
import { Caption1, Subtitle1, Text } from '@fluentui/react-text';
import { tokens } from '@fluentui/tokens';
import { makeStyles } from '@griffel/react';
import { useCallback, useEffect, useState } from 'react';
import type { Lang } from '../../../../shared/src/domain/localized';
import type { ApiClient, DevIdentity } from '../../api/api-client';
import { describeError } from '../../api/describe-error';
import type { AddinConfig } from '../../auth/auth-config';
import { type Session, sessionFromToken } from '../../auth/session';
import { STRINGS } from '../../i18n/strings';
import { Notice, type NoticeState } from '../components/notice';

const useStyles = makeStyles({
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalL,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    boxShadow: tokens.shadow4,
  },
  list: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    margin: 0,
    padding: 0,
    listStyle: 'none',
  },
  identity: {
    width: '100%',
    justifyContent: 'flex-start',
    textAlign: 'start',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
  },
  identityText: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start' },
  groupTitle: { color: tokens.colorNeutralForeground3, marginTop: tokens.spacingVerticalS },
});

export interface SignInViewProps {
  config: AddinConfig;
  api: ApiClient;
  lang: Lang;
  notice: NoticeState | null;
  onSignedIn: (session: Session) => void;
}

export function SignInView({ config, api, lang, notice, onSignedIn }: SignInViewProps) {
  const styles = useStyles();
  const s = STRINGS[lang];
  const [identities, setIdentities] = useState<DevIdentity[] | null>(null);
  const [error, setError] = useState<NoticeState | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const loadIdentities = useCallback(async () => {
    setError(null);
    try {
      setIdentities((await api.devIdentities()).identities);
    } catch (e) {
      setError({ intent: 'error', text: describeError(e, lang).message, retry: () => void loadIdentities() });
    }
  }, [api, lang]);

  useEffect(() => {
    if (config.auth.mode === 'dev') void loadIdentities();
  }, [config.auth.mode, loadIdentities]);

  const signInAs = async (identity: DevIdentity) => {
    setBusy(identity.sub);
    setError(null);
    try {
      const token = await api.devToken(identity);
      onSignedIn(sessionFromToken(token));
    } catch (e) {
      setError({
        intent: 'error',
        text: describeError(e, lang).message,
        retry: () => void signInAs(identity),
      });
    } finally {
      setBusy(null);
    }
  };

  const signInWithMicrosoft = async () => {
    if (config.auth.mode !== 'naa') return;
    setBusy('naa');
    setError(null);
    try {
      const { acquireTokenWithNaa } = await import('../../auth/naa');
      onSignedIn(sessionFromToken(await acquireTokenWithNaa(config.auth)));
    } catch (e) {
      setError({
        intent: 'error',
        text: e instanceof Error ? e.message : String(e),
        retry: () => void signInWithMicrosoft(),
      });
    } finally {
      setBusy(null);
    }
  };

  const groups: { title: string; items: DevIdentity[] }[] = identities
    ? [
        { title: s.roleCoordinator, items: identities.filter((i) => i.role === 'coordinator') },
        { title: s.roleClerk, items: identities.filter((i) => i.role === 'clerk') },
      ]
    : [];

  return (
    <section className={styles.card} aria-labelledby="sign-in-title">
      <Subtitle1 as="h2" id="sign-in-title">
        {s.signInTitle}
      </Subtitle1>
      <Notice notice={notice} />
      <Notice notice={error} />
      {config.auth.mode === 'naa' ? (
        <Button appearance="primary" onClick={signInWithMicrosoft} disabled={busy !== null}>
          {busy ? s.signingIn : s.signInWithMicrosoft}
        </Button>
      ) : (
        <>
          <Caption1>{s.signInIntro}</Caption1>
          {!identities && !error && <Spinner size="small" label={s.loading} />}
          {groups
            .filter((g) => g.items.length > 0)
            .map((group) => (
              <div key={group.title}>
                <Text as="h3" size={200} weight="semibold" className={styles.groupTitle}>
                  {group.title}
                </Text>
                <ul className={styles.list}>
                  {group.items.map((identity) => (
                    <li key={identity.sub}>
                      <Button
                        className={styles.identity}
                        appearance={identity.role === 'coordinator' ? 'primary' : 'secondary'}
                        disabled={busy !== null}
                        onClick={() => void signInAs(identity)}
                        data-testid={`identity-${identity.sub}`}
                      >
                        <span className={styles.identityText}>
                          <Text weight="semibold">{identity.label[lang]}</Text>
                          {busy === identity.sub && <Caption1>{s.signingIn}</Caption1>}
                        </span>
                      </Button>
                    </li>
                  ))}
                </ul>
              </div>
            ))}
        </>
      )}
    </section>
  );
}
