import type { Clock } from '../../../../shared/src/ports/clock';
import type { Notifier, OutboxStore, OutgoingMessage } from '../../../../shared/src/ports/notifier';

/**
 * The e-mail channel in local mode (and deployed where SES_FROM_ADDRESS is unset): instead of mailing,
 * keeps the message in the table's outbox, which `GET /api/reminders/outbox` lists locally.
 */
export class OutboxNotifier implements Notifier {
  readonly channel = 'email' as const;
  readonly attempts = 2;

  constructor(
    private readonly outbox: OutboxStore,
    private readonly clock: Clock,
  ) {}

  async deliver(m: OutgoingMessage): Promise<void> {
    await this.outbox.add({
      to: m.to,
      channel: m.channel,
      subject: m.subject,
      body: m.body,
      departmentId: m.departmentId,
      period: m.period,
      sentAt: this.clock.now().toISOString(),
    });
  }
}
