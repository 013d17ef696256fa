import type { Node } from 'constructs';

/** Everything a deployment may change, read once from CDK context (`-c key=value` or cdk.json). */
export interface ReportingConfig {
  /** OpenID Connect issuer URL of the organisation's identity provider (HTTPS, with discovery). */
  readonly jwtIssuer: string;
  /** Accepted `aud` values (the add-in's client id, usually). */
  readonly jwtAudience: string[];
  /** OAuth scope every authorised route requires. */
  readonly jwtScope: string;
  /** Claim names the handlers read role, department and display name from. */
  readonly claimRole: string;
  readonly claimDepartment: string;
  readonly claimName: string;
  /** Due date = this working day of the following month. */
  readonly dueWorkingDay: number;
  /** Daily run time of the reminder job, `HH:MM` in Asia/Shanghai. */
  readonly reminderTime: { hour: number; minute: number };
  /** Channels the deployed reminder job uses. */
  readonly reminderChannels: ('email' | 'webhook')[];
  /** SES sender (an email address; the identity is created for it, or for `sesIdentityDomain`). */
  readonly sesFromAddress: string | undefined;
  /** Verify a whole domain instead of the single sender address (recommended for production). */
  readonly sesIdentityDomain: string | undefined;
  readonly coordinatorEmails: string[];
  /** Receives alarm notifications (optional: subscribe later in the console). */
  readonly alarmEmail: string | undefined;
  /** Custom domain of the add-in (mandatory in the China regions: an ICP-filed domain). */
  readonly addinDomainName: string | undefined;
  /** ACM certificate (us-east-1) for `addinDomainName` outside China. */
  readonly addinCertificateArn: string | undefined;
  /** IAM server certificate id for `addinDomainName` in China (CloudFront there cannot use ACM). */
  readonly addinIamCertificateId: string | undefined;
  /** `oac` (default) or `oai`: CloudFront origin access control is not available in the China regions. */
  readonly addinOriginAccess: 'oac' | 'oai';
  /** Folder with the built add-in (`npm run build:addin`); skipped with a warning when absent. */
  readonly addinDist: string;
  readonly apiThrottleRate: number;
  readonly apiThrottleBurst: number;
  readonly logRetentionDays: number;
  readonly logLevel: string;
  readonly lambdaRuntime: 'nodejs22.x' | 'nodejs24.x';
  /** True when the values that must be set for a real deployment were left at their placeholders. */
  readonly placeholders: string[];
}

const PLACEHOLDER_ISSUER = 'https://login.example.invalid/';
const PLACEHOLDER_AUDIENCE = 'legal-reporting-addin';

function text(node: Node, key: string): string | undefined {
  const raw: unknown = node.tryGetContext(key);
  if (raw === undefined || raw === null) return undefined;
  const value = String(raw).trim();
  return value === '' ? undefined : value;
}

function list(node: Node, key: string): string[] | undefined {
  const raw: unknown = node.tryGetContext(key);
  if (Array.isArray(raw)) return raw.map(String).filter((s) => s !== '');
  const value = text(node, key);
  return value === undefined
    ? undefined
    : value
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
}

function int(node: Node, key: string, fallback: number, min: number, max: number): number {
  const value = text(node, key);
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new Error(`context ${key}=${value}: expected an integer ${min}..${max}`);
  }
  return n;
}

function isChinaRegion(region: string | undefined): boolean {
  return region?.startsWith('cn-') ?? false;
}

/**
 * Reads the deployment's settings from CDK context. Defaults suit a first deployment outside China;
 * `region` (when known at synth time) switches the defaults that differ in the China partition.
 */
export function readConfig(node: Node, region?: string): ReportingConfig {
  const china = isChinaRegion(region);
  const placeholders: string[] = [];

  const jwtIssuer = text(node, 'jwtIssuer') ?? PLACEHOLDER_ISSUER;
  if (jwtIssuer === PLACEHOLDER_ISSUER) placeholders.push('jwtIssuer');
  if (!jwtIssuer.startsWith('https://'))
    throw new Error(`context jwtIssuer=${jwtIssuer}: must be an https URL`);
  const jwtAudience = list(node, 'jwtAudience') ?? [PLACEHOLDER_AUDIENCE];
  if (jwtAudience[0] === PLACEHOLDER_AUDIENCE) placeholders.push('jwtAudience');

  const time = text(node, 'reminderTime') ?? '09:30';
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!match) throw new Error(`context reminderTime=${time}: expected HH:MM (Asia/Shanghai)`);

  // Amazon SES is not offered in the China regions: there the job posts to webhooks only.
  const channels = list(node, 'reminderChannels') ?? (china ? ['webhook'] : ['email', 'webhook']);
  for (const c of channels) {
    if (c !== 'email' && c !== 'webhook') throw new Error(`context reminderChannels: unknown channel ${c}`);
  }
  const reminderChannels = channels as ('email' | 'webhook')[];
  const sesFromAddress = text(node, 'sesFromAddress');
  if (reminderChannels.includes('email') && sesFromAddress === undefined) placeholders.push('sesFromAddress');

  const originAccess = text(node, 'addinOriginAccess') ?? (china ? 'oai' : 'oac');
  if (originAccess !== 'oac' && originAccess !== 'oai') {
    throw new Error(`context addinOriginAccess=${originAccess}: expected oac or oai`);
  }
  const runtime = text(node, 'lambdaRuntime') ?? 'nodejs24.x';
  if (runtime !== 'nodejs22.x' && runtime !== 'nodejs24.x') {
    throw new Error(`context lambdaRuntime=${runtime}: expected nodejs22.x or nodejs24.x`);
  }

  return {
    jwtIssuer,
    jwtAudience,
    jwtScope: text(node, 'jwtScope') ?? 'reporting.api',
    claimRole: text(node, 'claimRole') ?? 'role',
    claimDepartment: text(node, 'claimDepartment') ?? 'departmentId',
    claimName: text(node, 'claimName') ?? 'name',
    dueWorkingDay: int(node, 'dueWorkingDay', 5, 1, 20),
    reminderTime: { hour: Number(match[1]), minute: Number(match[2]) },
    reminderChannels,
    sesFromAddress:
      sesFromAddress ?? (reminderChannels.includes('email') ? 'reports@example.com' : undefined),
    sesIdentityDomain: text(node, 'sesIdentityDomain'),
    coordinatorEmails: list(node, 'coordinatorEmails') ?? [],
    alarmEmail: text(node, 'alarmEmail'),
    addinDomainName: text(node, 'addinDomainName'),
    addinCertificateArn: text(node, 'addinCertificateArn'),
    addinIamCertificateId: text(node, 'addinIamCertificateId'),
    addinOriginAccess: originAccess,
    addinDist: text(node, 'addinDist') ?? 'addin/dist',
    apiThrottleRate: int(node, 'apiThrottleRate', 50, 1, 10000),
    apiThrottleBurst: int(node, 'apiThrottleBurst', 100, 1, 5000),
    logRetentionDays: int(node, 'logRetentionDays', 180, 1, 3653),
    logLevel: text(node, 'logLevel') ?? 'INFO',
    lambdaRuntime: runtime,
    placeholders,
  };
}
