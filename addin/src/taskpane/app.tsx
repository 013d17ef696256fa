import { Button } from '@fluentui/react-button';
import { FluentProvider } from '@fluentui/react-provider';
import { Spinner } from '@fluentui/react-spinner';
import { Caption1, Text } from '@fluentui/react-text';
import { tokens, webLightTheme } from '@fluentui/tokens';
import { makeStyles } from '@griffel/react';
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Lang } from '../../../shared/src/domain/localized';
import { createApiClient } from '../api/api-client';
import { describeError } from '../api/describe-error';
import type { AddinConfig } from '../auth/auth-config';
import { loadStoredSession, type Session, storeSession } from '../auth/session';
import { STRINGS } from '../i18n/strings';
import type { WorkbookPort } from '../workbook/workbook-port';
import { AppContext, buildCatalogue, type Catalogue, StringsContext } from './app-context';
import { Notice, type NoticeState } from './components/notice';
import { SignInView } from './views/sign-in-view';

// Each role's views are separate chunks, fetched after sign-in: the first paint (sign-in) stays small,
// and clerks never download the coordinator's grid, totals and report.
const CoordinatorView = lazy(() => import('./views/coordinator-view'));
const ClerkView = lazy(() => import('./views/clerk-view').then((m) => ({ default: m.ClerkView })));

const useStyles = makeStyles({
  shell: {
    display: 'flex',
    flexDirection: 'column',
    minHeight: '100vh',
    backgroundColor: tokens.colorNeutralBackground2,
  },
  header: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    backgroundColor: '#A4262C',
    color: tokens.colorNeutralForegroundOnBrand,
    position: 'sticky',
    top: 0,
    zIndex: 10,
  },
  logo: { width: '20px', height: '20px', flexShrink: 0 },
  title: {
    fontWeight: tokens.fontWeightSemibold,
    fontSize: tokens.fontSizeBase400,
    flexGrow: 1,
    minWidth: 0,
  },
  headerButton: {
    color: tokens.colorNeutralForegroundOnBrand,
    minWidth: 'auto',
    ':hover': { color: tokens.colorNeutralForegroundOnBrand, backgroundColor: 'rgba(255,255,255,0.15)' },
    ':hover:active': {
      color: tokens.colorNeutralForegroundOnBrand,
      backgroundColor: 'rgba(255,255,255,0.25)',
    },
  },
  userBar: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  main: {
    padding: tokens.spacingHorizontalM,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    flexGrow: 1,
  },
  centre: {
    padding: tokens.spacingVerticalXXL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
  },
});

export interface AppProps {
  config: AddinConfig;
  port: WorkbookPort;
  initialLang: Lang;
  storage: Storage | null;
  /** Demo and test hook (`?sheet=memory`): offer the sheet features on the in-memory workbook. */
  sheetInBrowser?: boolean;
}

export function App({ config, port, initialLang, storage, sheetInBrowser = false }: AppProps) {
  const styles = useStyles();
  const [lang, setLang] = useState<Lang>(initialLang);
  const [session, setSession] = useState<Session | null>(() => loadStoredSession(storage));
  const [catalogue, setCatalogue] = useState<Catalogue | null>(null);
  const [catalogueError, setCatalogueError] = useState<NoticeState | null>(null);
  const [signInNotice, setSignInNotice] = useState<NoticeState | null>(null);
  const s = STRINGS[lang];
  const sessionRef = useRef(session);
  sessionRef.current = session;
  const langRef = useRef(lang);
  langRef.current = lang;

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = s.appTitle;
  }, [lang, s]);

  const [refreshing, setRefreshing] = useState(false);
  // The LEGAL.* functions' engine lives in their own chunk; the pane loads it only for this button.
  const refreshFigures = async () => {
    setRefreshing(true);
    try {
      await (await import('../functions/runtime')).refreshFigures();
    } finally {
      setRefreshing(false);
    }
  };

  const signOut = useCallback(
    (expired = false) => {
      storeSession(storage, null);
      setSession(null);
      setCatalogue(null);
      setSignInNotice(expired ? { intent: 'warning', text: STRINGS[langRef.current].sessionExpired } : null);
    },
    [storage],
  );

  const api = useMemo(
    () =>
      createApiClient({
        baseUrl: config.apiBaseUrl,
        getToken: () => sessionRef.current?.token ?? null,
        getLang: () => langRef.current,
        onUnauthorized: () => {
          if (sessionRef.current) signOut(true);
        },
      }),
    [config.apiBaseUrl, signOut],
  );

  const loadCatalogue = useCallback(async () => {
    setCatalogueError(null);
    try {
      const [metrics, departments] = await Promise.all([api.metrics(), api.departments()]);
      setCatalogue(buildCatalogue(metrics.metrics, departments.departments));
    } catch (error) {
      const d = describeError(error, langRef.current);
      setCatalogueError({ intent: 'error', text: d.message, retry: () => void loadCatalogue() });
    }
  }, [api]);

  useEffect(() => {
    if (session && !catalogue) void loadCatalogue();
  }, [session, catalogue, loadCatalogue]);

  const onSignedIn = (next: Session) => {
    storeSession(storage, next);
    setSignInNotice(null);
    setSession(next);
  };

  const department =
    session?.principal.departmentId && catalogue
      ? catalogue.byId.get(session.principal.departmentId)
      : undefined;

  return (
    <FluentProvider theme={webLightTheme} lang={lang} className={styles.shell}>
      <StringsContext.Provider value={s}>
        <header className={styles.header}>
          <img className={styles.logo} src="assets/icon-32.png" alt="" />
          <Text as="h1" className={styles.title} truncate wrap={false}>
            {s.appTitle}
          </Text>
          <Button
            appearance="subtle"
            size="small"
            className={styles.headerButton}
            aria-label={s.switchLanguageLabel}
            onClick={() => setLang(lang === 'en' ? 'zh-CN' : 'en')}
          >
            {s.switchLanguage}
          </Button>
          {session && (
            <Button
              appearance="subtle"
              size="small"
              className={styles.headerButton}
              onClick={() => signOut()}
            >
              {s.signOut}
            </Button>
          )}
        </header>
        {session && (
          <div className={styles.userBar} data-testid="user-bar">
            <Text weight="semibold">{session.principal.name}</Text>
            <Caption1>
              {session.principal.role === 'coordinator' ? s.roleCoordinator : s.roleClerk}
              {department ? ` · ${department.name[lang]}` : ''}
            </Caption1>
            {(port.kind === 'excel' || sheetInBrowser) && (
              <Button
                size="small"
                appearance="subtle"
                title={s.refreshFiguresHint}
                data-testid="refresh-figures"
                disabled={refreshing}
                onClick={() => void refreshFigures()}
              >
                {s.refreshFigures}
              </Button>
            )}
          </div>
        )}
        <main className={styles.main}>
          {!session && (
            <SignInView config={config} api={api} lang={lang} notice={signInNotice} onSignedIn={onSignedIn} />
          )}
          {session && !catalogue && (
            <div className={styles.centre}>
              {catalogueError ? <Notice notice={catalogueError} /> : <Spinner label={s.loading} />}
            </div>
          )}
          {session && catalogue && (
            <AppContext.Provider
              value={{
                lang,
                s,
                api,
                port,
                session,
                catalogue,
                hasSheet: port.kind === 'excel' || sheetInBrowser,
              }}
            >
              <Suspense fallback={<Spinner label={s.loading} />}>
                {session.principal.role === 'coordinator' ? <CoordinatorView /> : <ClerkView />}
              </Suspense>
            </AppContext.Provider>
          )}
        </main>
      </StringsContext.Provider>
    </FluentProvider>
  );
}
