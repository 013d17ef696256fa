import { type SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { Notifier, OutgoingMessage } from '../../../../shared/src/ports/notifier';

/** E-mail through Amazon SES v2, sent as the stack's verified identity (SES_FROM_ADDRESS). */
export class SesNotifier implements Notifier {
  readonly channel = 'email' as const;
  /** The SDK already retries throttling; one more try covers a transient SES error. */
  readonly attempts = 2;

  constructor(
    private readonly ses: SESv2Client,
    private readonly from: string,
  ) {}

  async deliver(m: OutgoingMessage): Promise<void> {
    await this.ses.send(
      new SendEmailCommand({
        FromEmailAddress: this.from,
        Destination: { ToAddresses: [m.to] },
        Content: {
          Simple: {
            Subject: { Data: m.subject, Charset: 'UTF-8' },
            Body: { Text: { Data: m.body, Charset: 'UTF-8' } },
          },
        },
        EmailTags: [
          { Name: 'kind', Value: m.kind },
          { Name: 'period', Value: m.period },
        ],
      }),
    );
  }
}
