import { Button } from '@fluentui/react-button';
import { Link } from '@fluentui/react-link';
import { MessageBar, MessageBarActions, MessageBarBody } from '@fluentui/react-message-bar';
import type { ReactNode } from 'react';
import { useStrings } from '../app-context';

export interface NoticeState {
  intent: 'success' | 'error' | 'warning' | 'info';
  text: ReactNode;
  /** Offered as a "retry" button (network loss, busy service). */
  retry?: () => void;
  action?: { label: string; run: () => void };
}

/** A message bar that is announced to screen readers (role=status/alert) and offers retry where useful. */
export function Notice({ notice, onDismiss }: { notice: NoticeState | null; onDismiss?: () => void }) {
  const s = useStrings();
  if (!notice) return null;
  return (
    <MessageBar
      intent={notice.intent}
      role={notice.intent === 'error' ? 'alert' : 'status'}
      layout="multiline"
      data-testid={`notice-${notice.intent}`}
    >
      <MessageBarBody>{notice.text}</MessageBarBody>
      {(notice.retry || notice.action || onDismiss) && (
        <MessageBarActions>
          {notice.retry && (
            <Button size="small" onClick={notice.retry}>
              {s.retry}
            </Button>
          )}
          {notice.action && (
            <Link as="button" onClick={notice.action.run}>
              {notice.action.label}
            </Link>
          )}
          {onDismiss && !notice.retry && (
            <Link as="button" onClick={onDismiss}>
              {s.dismiss}
            </Link>
          )}
        </MessageBarActions>
      )}
    </MessageBar>
  );
}
