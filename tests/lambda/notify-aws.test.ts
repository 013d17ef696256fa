import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { SesNotifier } from '../../lambda/src/adapters/notify/ses-notifier';
import { loadWebhookSecret } from '../../lambda/src/adapters/notify/webhook-secret';

describe('deployed reminder channels', () => {
  it('sends a reminder as UTF-8 e-mail from the stack’s SES identity', async () => {
    const ses = mockClient(SESv2Client);
    ses.on(SendEmailCommand).resolves({ MessageId: 'm-1' });
    await new SesNotifier(
      new SESv2Client({ region: 'ap-southeast-1' }),
      'noreply@zhangmiao.example.cn',
    ).deliver({
      channel: 'email',
      to: 'sifasuo@zhangmiao.example.cn',
      subject: '【提醒】司法所 2020年10月 月报待提交',
      body: '截止日期 2020-11-06',
      link: 'https://addin.example.cn/addin/taskpane.html',
      departmentId: 'judicial-office',
      period: '2020-10',
      kind: 'reminder',
    });
    const sent = ses.commandCalls(SendEmailCommand)[0]?.args[0].input;
    expect(sent?.FromEmailAddress).toBe('noreply@zhangmiao.example.cn');
    expect(sent?.Destination?.ToAddresses).toEqual(['sifasuo@zhangmiao.example.cn']);
    expect(sent?.Content?.Simple?.Subject).toEqual({
      Data: '【提醒】司法所 2020年10月 月报待提交',
      Charset: 'UTF-8',
    });
    ses.restore();
  });

  it('reads webhook settings from the Secrets Manager secret and refuses a malformed one', async () => {
    const sm = mockClient(SecretsManagerClient);
    sm.on(GetSecretValueCommand, { SecretId: 'stack/reminder-webhooks' }).resolves({
      SecretString: JSON.stringify({
        timeoutMs: 2000,
        coordinatorUrls: ['https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k'],
      }),
    });
    sm.on(GetSecretValueCommand, { SecretId: 'bad' }).resolves({ SecretString: '{"timeoutMs": "soon"}' });
    const client = new SecretsManagerClient({ region: 'ap-southeast-1' });
    const settings = await loadWebhookSecret(client, 'stack/reminder-webhooks');
    expect(settings.timeoutMs).toBe(2000);
    expect(settings.retries).toBe(2);
    expect(settings.coordinatorUrls).toHaveLength(1);
    await expect(loadWebhookSecret(client, 'bad')).rejects.toThrow();
    sm.restore();
  });
});
